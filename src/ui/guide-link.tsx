/**
 * "Hướng dẫn": the link from a screen to the guide that explains it (issue 17, "Guides"). In ui
 * so every feature's screen can carry one; the guides themselves are a feature of their own.
 */
import { Link } from 'react-router';
import { t, type Catalogue } from './messages';

export type GuideId = keyof Catalogue['guides']['items'];

export function GuideLink({ guide }: { guide: GuideId }) {
  return (
    <Link
      className="guide-link no-print"
      to={`/huong-dan/${guide}`}
      aria-label={`${t.guides.link}: ${t.guides.items[guide].title}`}
    >
      {t.guides.nav}
    </Link>
  );
}
