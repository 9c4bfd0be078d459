/**
 * Practice ID cards to print (issue 17, "Practice mode"): one card per holder of the practice
 * commune — the person, or their guardian or authorised person — with the QR of a CCCD that the
 * ID check and the pay screen read as in real use. Each says it is a practice sample, not a card.
 */
import { useEffect, useState } from 'react';
import QRCode from 'qrcode';
import { t } from '../../ui/messages';
import { useServices } from '../../ui/services';

type Card = NonNullable<ReturnType<typeof useServices>['mode']>['practiceCards'][number];

export function PracticeCardsPage() {
  const cards = useServices().mode?.practiceCards ?? [];
  return (
    <section className="practice-cards">
      <h1>{t.practice.cardsTitle}</h1>
      <p className="muted no-print">{t.practice.cardsIntro}</p>
      <p className="no-print">
        <button type="button" className="primary" onClick={() => window.print()}>
          {t.practice.print}
        </button>
      </p>
      <ul className="card-sheet">
        {cards.map((card) => (
          <PracticeIdCard key={`${card.beneficiaryId}:${card.holder}`} card={card} />
        ))}
      </ul>
    </section>
  );
}

function PracticeIdCard({ card }: { card: Card }) {
  const [svg, setSvg] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void QRCode.toString(card.qr, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 }).then((s) => live && setSvg(s));
    return () => {
      live = false;
    };
  }, [card.qr]);
  return (
    <li className="practice-id" data-testid="practice-card">
      <div>
        <strong>{t.practice.cardHeading}</strong>
        <p className="practice-id-name">{card.fullName}</p>
        <p>
          {t.practice.cardNumber}: {card.qr.split('|')[0]}
        </p>
        <p>
          {t.practice.cardBorn}: {card.birthDate}
        </p>
        <p>{card.holder === 'representative' ? t.practice.cardRepresentative(card.village) : card.village}</p>
        <p className="practice-id-void">{t.practice.cardVoid}</p>
      </div>
      {svg && (
        <img
          src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`}
          alt={t.practice.cardQr(card.fullName)}
          width={120}
          height={120}
        />
      )}
    </li>
  );
}
