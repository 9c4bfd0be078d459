import { useState } from 'react';
import { idCheckSkipReasons, type IdCheckSkipReason } from '../../domain/vocabulary';
import { ComparisonTable } from '../../ui/comparison-table';
import { t } from '../../ui/messages';
import { ScannerPanel } from '../../ui/scanner-panel';
import type { ReceiverCheckState } from './use-receiver-check';

/**
 * Step 2 of paying: the receiver's card, by QR (camera, photo, pasted text), by the typed number,
 * or a recorded reason why it could not be checked. The result stays on screen until changed.
 */
export function ReceiverCheckPanel({ state }: { state: ReceiverCheckState }) {
  const [reason, setReason] = useState<IdCheckSkipReason>('no-card');
  const [note, setNote] = useState('');
  const { kind, check, expected } = state;

  return (
    <fieldset className="card receiver-check" data-testid="receiver-check">
      <legend>{t.pay.checkTitle}</legend>
      {kind !== 'self' && (
        <p className={expected ? 'muted' : 'warning'}>
          {expected ? t.pay.registered(expected.fullName ?? '', expected.idNumber) : t.pay.nobodyRegistered}
        </p>
      )}
      {check === null && (
        <>
          <p className="muted">{t.pay.checkHint}</p>
          <ScannerPanel onText={state.scanned} />
        </>
      )}
      {kind !== 'self' && (
        <>
          <label htmlFor="receiver-name">{t.pay.receiverName}</label>
          <input
            id="receiver-name"
            value={state.typedName}
            onChange={(e) => state.typeName(e.target.value)}
            autoComplete="off"
          />
        </>
      )}
      {(kind !== 'self' || check === null) && (
        <>
          <label htmlFor="receiver-id">{kind === 'self' ? t.pay.typedId : t.pay.receiverId}</label>
          <div className="inline">
            <input
              id="receiver-id"
              inputMode="numeric"
              value={state.typedId}
              onChange={(e) => state.typeId(e.target.value)}
              autoComplete="off"
            />
            {check === null && (
              <button type="button" onClick={state.compareTypedCard}>
                {t.pay.checkTyped}
              </button>
            )}
          </div>
        </>
      )}
      {state.error && (
        <p className="error" role="alert">
          {state.error}
        </p>
      )}
      {check === null ? (
        <>
          <details className="skip-check">
            <summary>{t.pay.skipTitle}</summary>
            <label htmlFor="skip-reason">{t.pay.reason}</label>
            <select id="skip-reason" value={reason} onChange={(e) => setReason(e.target.value as IdCheckSkipReason)}>
              {idCheckSkipReasons.map((r) => (
                <option key={r} value={r}>
                  {t.pay.skipReasons[r]}
                </option>
              ))}
            </select>
            <label htmlFor="skip-note">{t.pay.note}</label>
            <input id="skip-note" value={note} onChange={(e) => setNote(e.target.value)} />
            <button type="button" onClick={() => state.skip(reason, note)}>
              {t.pay.skip}
            </button>
          </details>
        </>
      ) : (
        <div data-testid="receiver-check-result" data-method={check.method}>
          {check.method === 'not-possible' ? (
            <p className="warning">{t.pay.skipped(t.pay.skipReasons[check.reason])}</p>
          ) : (
            <>
              <p>
                <strong>{t.pay.checkedBy[check.method]}</strong>
              </p>
              <ComparisonTable comparison={check.comparison} />
            </>
          )}
          <button type="button" onClick={state.reset}>
            {t.pay.recheck}
          </button>
        </div>
      )}
    </fieldset>
  );
}
