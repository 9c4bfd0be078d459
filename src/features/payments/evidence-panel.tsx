/**
 * A payment's evidence for a supervisor (issue 13, "Evidence view"), online: each payment recorded
 * on the line — who paid, when, to whom, whether it counts — with its signature, photo and the
 * card checked. Loaded only when asked (every look is logged on the server).
 */
import { useEffect, useState } from 'react';
import type { EvidencePayment } from '../../protocol/evidence';
import { formatDateTime } from '../../ui/format';
import { errorMessage, t } from '../../ui/messages';
import { useServices } from '../../ui/services';
import { useSession } from '../../ui/use-session';

function BlobImage({ lineId, sha256, alt }: { lineId: string; sha256: string; alt: string }) {
  const { transport } = useServices();
  const session = useSession();
  const [url, setUrl] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!session) return;
    let made: string | null = null;
    let live = true;
    transport.evidenceBlob(session.token, lineId, sha256).then(
      (blob) => {
        if (!live) return;
        made = URL.createObjectURL(blob);
        setUrl(made);
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [transport, session, lineId, sha256]);
  if (failed) return <p className="muted">{t.evidence.notArrived}</p>;
  return url ? <img src={url} alt={alt} className="evidence-image" /> : <p className="muted">{t.evidence.loading}</p>;
}

export function EvidencePanel({ lineId }: { lineId: string }) {
  const { transport } = useServices();
  const session = useSession();
  const [payments, setPayments] = useState<EvidencePayment[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function load() {
    if (!session) return;
    setBusy(true);
    try {
      setPayments(await transport.lineEvidence(session.token, lineId));
      setError(null);
    } catch (e) {
      setError(errorMessage((e as { code?: string }).code ?? 'unexpected'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="evidence-title" data-testid="evidence">
      <h2 id="evidence-title">{t.evidence.title}</h2>
      {payments === null && (
        <button type="button" disabled={busy} onClick={() => void load()}>
          {t.evidence.show}
        </button>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {payments?.length === 0 && <p className="muted">{t.evidence.none}</p>}
      {payments?.map((p) => (
        <article key={p.opId} className="evidence-payment">
          <p>
            <strong>{p.isCounted ? t.evidence.counted : t.evidence.notCounted}</strong> · {p.userName ?? '—'}
            {p.recordedAt ? ` · ${formatDateTime(Date.parse(p.recordedAt))}` : ''} ·{' '}
            {t.evidence.receiver(p.receiver.fullName ?? t.evidence.self)}
          </p>
          <p>{p.idCheck ? t.evidence.check(p.idCheck.method, p.idCheck.overall) : t.evidence.noCheck}</p>
          {p.signature ? (
            <BlobImage lineId={lineId} sha256={p.signature} alt={t.evidence.signatureAlt} />
          ) : (
            <p className="muted">{t.evidence.noSignature}</p>
          )}
          {p.photo && <BlobImage lineId={lineId} sha256={p.photo} alt={t.evidence.photoAlt} />}
        </article>
      ))}
    </section>
  );
}
