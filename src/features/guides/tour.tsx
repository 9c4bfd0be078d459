/**
 * The first sign-in tour (issue 17, "Guides"): the first time a user signs in on a device, the
 * app offers four short cards (the roster on the tablet, the sync bar, the lock, the guides).
 * "Để sau" or finishing marks it offered for that user on that device (`tour:<userId>`); the
 * guides screen offers it again. Not modal: the screen behind stays usable.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState } from 'react';
import { getKv, setKv } from '../../storage/kv';
import { t } from '../../ui/messages';
import { useServices } from '../../ui/services';
import { useSession } from '../../ui/use-session';

type Offered = 'offered';

export function useTourOffered(): {
  offered: boolean | undefined;
  mark: () => Promise<void>;
  again: () => Promise<void>;
} {
  const { db } = useServices();
  const userId = useSession()?.user.id;
  const key = `tour:${userId ?? ''}` as const;
  const offered = useLiveQuery(
    async () => (userId === undefined ? undefined : (await getKv<Offered>(db, key)) === 'offered'),
    [db, key, userId],
  );
  return {
    offered,
    mark: () => setKv(db, key, 'offered'),
    again: () => db.kv.delete(key),
  };
}

export function FirstSignInTour() {
  const { offered, mark } = useTourOffered();
  const [step, setStep] = useState<number | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const steps = t.guides.tour.steps;

  // Each card's title takes the focus, so a screen reader or a keyboard follows the tour.
  useEffect(() => {
    if (step !== null) heading.current?.focus();
  }, [step]);

  if (offered !== false) return null;
  const close = () => {
    setStep(null);
    void mark();
    // The card goes away: the screen's own title takes the focus, not the page's body.
    const title = document.querySelector<HTMLElement>('main h1');
    if (title) {
      title.tabIndex = -1;
      title.focus();
    }
  };

  if (step === null) {
    return (
      <div className="card tour" role="region" aria-label={t.guides.tour.title}>
        <p>{t.guides.tour.offer}</p>
        <p>
          <button type="button" className="primary" onClick={() => setStep(0)}>
            {t.guides.tour.start}
          </button>{' '}
          <button type="button" onClick={close}>
            {t.guides.tour.later}
          </button>
        </p>
      </div>
    );
  }

  const card = steps[step];
  const last = step === steps.length - 1;
  return (
    <div
      className="card tour"
      role="dialog"
      aria-labelledby="tour-title"
      onKeyDown={(e) => {
        if (e.key === 'Escape') close();
      }}
    >
      <p className="muted">{t.guides.step(step + 1, steps.length)}</p>
      <h2 id="tour-title" tabIndex={-1} ref={heading}>
        {card?.title}
      </h2>
      <p>{card?.text}</p>
      <p>
        {step > 0 && (
          <button type="button" onClick={() => setStep(step - 1)}>
            {t.guides.tour.back}
          </button>
        )}{' '}
        <button type="button" className="primary" onClick={() => (last ? close() : setStep(step + 1))}>
          {last ? t.guides.tour.done : t.guides.tour.next}
        </button>{' '}
        {!last && (
          <button type="button" onClick={close}>
            {t.guides.tour.close}
          </button>
        )}
      </p>
    </div>
  );
}
