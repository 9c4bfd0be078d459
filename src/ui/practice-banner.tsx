/**
 * The mark of practice mode on every screen (issue 17): a banner in a colour no real screen uses,
 * and a frame around the whole page (`html.practice` in styles.css), so nobody takes practice for
 * real work.
 */
import { useEffect } from 'react';
import { t } from './messages';
import { useServices } from './services';

export function PracticeBanner() {
  const practice = useServices().mode?.practice ?? false;
  useEffect(() => {
    document.documentElement.classList.toggle('practice', practice);
  }, [practice]);
  if (!practice) return null;
  return (
    <div className="practice-banner" role="note" data-testid="practice-banner">
      {t.practice.banner}
    </div>
  );
}
