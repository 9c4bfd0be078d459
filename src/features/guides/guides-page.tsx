/**
 * The guides (issue 17, "Guides"): the list of workflows (`/huong-dan`) and one workflow's
 * illustrated steps (`/huong-dan/:id`), reached from the screen they explain. Bundled with the
 * app, so they open offline.
 */
import { Link, useParams } from 'react-router';
import type { GuideId } from '../../ui/guide-link';
import { t } from '../../ui/messages';
import { guideOrder, guidePictures } from './guide-list';
import { Picture } from './pictures';
import { useTourOffered } from './tour';

const isGuide = (id: string): id is GuideId => (guideOrder as string[]).includes(id);

export function GuidesPage() {
  const { id } = useParams();
  const tour = useTourOffered();
  if (id !== undefined) return isGuide(id) ? <Guide id={id} /> : <p className="empty">{t.guides.notFound}</p>;
  return (
    <section className="guides">
      <h1>{t.guides.title}</h1>
      <p>{t.guides.intro}</p>
      <ul className="plain guide-index">
        {guideOrder.map((g) => (
          <li key={g}>
            <Link to={`/huong-dan/${g}`}>
              <Picture id={guidePictures[g][0] ?? 'list'} />
              <span>{t.guides.items[g].title}</span>
            </Link>
          </li>
        ))}
      </ul>
      <p className="muted">{t.guides.practiceHint}</p>
      <p>
        <button type="button" onClick={() => void tour.again()}>
          {t.guides.tour.again}
        </button>
      </p>
    </section>
  );
}

function Guide({ id }: { id: GuideId }) {
  const guide = t.guides.items[id];
  const pictures = guidePictures[id];
  return (
    <section className="guides">
      <p>
        <Link to="/huong-dan">{t.guides.all}</Link>
      </p>
      <h1>{guide.title}</h1>
      <ol className="guide-steps" data-testid="guide-steps">
        {guide.steps.map((text, i) => (
          <li key={text} className="card guide-step">
            <Picture id={pictures[i] ?? 'list'} />
            <div>
              <p className="muted">{t.guides.step(i + 1, guide.steps.length)}</p>
              <p>{text}</p>
            </div>
          </li>
        ))}
      </ol>
      <p className="muted">{t.guides.practiceHint}</p>
    </section>
  );
}
