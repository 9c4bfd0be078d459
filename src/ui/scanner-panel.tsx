import { useId, useState, type FormEvent } from 'react';
import { t } from './messages';
import { useQrScanner } from './use-qr-scanner';

/**
 * Camera scan, photo of the card, or typing the QR text: all three end in `onText`. Shared by the
 * ID check, enrolment and payment screens, so it lives in ui (features may not import each other,
 * docs/style.md §2.3). Only lazily loaded screens may render it: html5-qrcode stays out of the first load.
 */
export function ScannerPanel({ onText }: { onText: (raw: string) => void }) {
  const elementId = `qr-${useId().replace(/:/gu, '')}`;
  const scanner = useQrScanner(elementId, onText);
  const [manual, setManual] = useState('');
  const [fileError, setFileError] = useState(false);

  async function onFile(file: File | undefined) {
    if (!file) return;
    const text = await scanner.scanImage(file);
    setFileError(text === null);
    if (text !== null) onText(text);
  }

  function submitManual(e: FormEvent) {
    e.preventDefault();
    if (manual.trim()) onText(manual);
  }

  return (
    <div className="card scanner">
      <div id={elementId} className="qr-region" />
      <p className="toolbar">
        {scanner.state === 'scanning' ? (
          <button type="button" onClick={() => void scanner.stop()}>
            {t.idCheck.stopCamera}
          </button>
        ) : (
          <button
            type="button"
            className="primary"
            onClick={() => void scanner.start()}
            disabled={scanner.state === 'starting'}
          >
            {t.idCheck.startCamera}
          </button>
        )}
        {scanner.torchAvailable && scanner.state === 'scanning' && (
          <button type="button" aria-pressed={scanner.torchOn} onClick={() => void scanner.toggleTorch()}>
            {t.idCheck.torch}
          </button>
        )}
        <label className="button file-button">
          {t.idCheck.fromPhoto}
          <input
            type="file"
            accept="image/*"
            capture="environment"
            onChange={(e) => void onFile(e.target.files?.[0])}
          />
        </label>
      </p>
      {scanner.state === 'error' && <p className="error">{t.idCheck.cameraError}</p>}
      {fileError && <p className="error">{t.idCheck.photoError}</p>}
      <form onSubmit={submitManual}>
        <label htmlFor={`${elementId}-manual`}>{t.idCheck.manual}</label>
        <input
          id={`${elementId}-manual`}
          value={manual}
          onChange={(e) => setManual(e.target.value)}
          autoComplete="off"
        />
        <button type="submit">{t.idCheck.check}</button>
      </form>
    </div>
  );
}
