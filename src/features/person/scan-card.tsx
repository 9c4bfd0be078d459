/**
 * "Scan the card to fill in": the shared scanner (camera, photo or pasted text) behind a button,
 * so the camera is never started unless asked. A readable CCCD goes to `onCard`; anything else
 * shows why in Vietnamese. Rendered outside the form it fills: the scanner has a form of its own.
 */
import { useState } from 'react';
import { parseCccdQr, type CccdCard, type CccdParseErrorCode } from '../../domain/citizen-id';
import { vietnamDate } from '../../lib/clock';
import { t } from '../../ui/messages';
import { ScannerPanel } from '../../ui/scanner-panel';
import { useServices } from '../../ui/services';

type Labels = { open: string; close: string; done: (name: string) => string };

export function ScanCard({
  onCard,
  labels = { open: t.enrol.scan, close: t.enrol.closeScan, done: t.enrol.scanned },
}: {
  onCard: (card: CccdCard) => void;
  /** The button's texts and what is said once a card is read (enrolment's by default). */
  labels?: Labels;
}) {
  const { clock } = useServices();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<CccdParseErrorCode | null>(null);
  const [filledFrom, setFilledFrom] = useState<string | null>(null);

  function onText(raw: string) {
    const parsed = parseCccdQr(raw, { today: vietnamDate(clock.now()) });
    if (!parsed.ok) {
      setError(parsed.error.code);
      return;
    }
    setError(null);
    setOpen(false);
    setFilledFrom(parsed.value.fullName);
    onCard(parsed.value);
  }

  return (
    <div className="scan-card">
      <button
        type="button"
        aria-expanded={open}
        onClick={() => {
          setOpen(!open);
          setError(null);
        }}
      >
        {open ? labels.close : labels.open}
      </button>
      {open && <ScannerPanel onText={onText} />}
      {error && (
        <p className="error" role="alert">
          {t.idCheck.parseErrors[error]}
        </p>
      )}
      {filledFrom !== null && !open && <p role="status">{labels.done(filledFrom)}</p>}
    </div>
  );
}
