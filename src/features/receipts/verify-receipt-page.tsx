/**
 * "Kiểm tra biên nhận" (issue 16): scan a receipt's QR (camera or photo) or paste its text, and
 * verify it with no network: the signature with the issuing device's public key kept on this
 * device, then who was paid, how much and on which day, read from the local roster.
 */
import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { formatVnd, type Vnd } from '../../domain/money';
import { shortCode, type ReceiptFacts } from '../../domain/receipt-chain';
import { readPerson } from '../../storage/roster-pages';
import { verifyReceiptQr, type VerifyProblem } from '../../storage/receipt-signing';
import { formatIsoDate } from '../../ui/format';
import { t } from '../../ui/messages';
import { GuideLink } from '../../ui/guide-link';
import { ScannerPanel } from '../../ui/scanner-panel';
import { useServices } from '../../ui/services';
import { keyLookup, useReceiptKeys, type KnownKey } from './use-receipt-keys';

type Verdict = { ok: true; facts: ReceiptFacts & { hash: string } } | { ok: false; problem: VerifyProblem };

export function VerifyReceiptPage() {
  const keys = useReceiptKeys();
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  // The scanner panel stays mounted; a new key restarts it for the next receipt.
  const [round, setRound] = useState(0);

  async function onText(raw: string) {
    const result = await verifyReceiptQr(raw, keyLookup(keys ?? []));
    setVerdict(result.ok ? { ok: true, facts: result.value } : { ok: false, problem: result.error });
  }

  const others = keys?.filter((k) => k.deviceName !== null).length ?? 0;
  return (
    <section className="verify-receipt">
      <h1>{t.receiptCheck.title}</h1>
      <GuideLink guide="receipt" />
      <p className="muted">{t.receiptCheck.intro}</p>
      {keys && <p className="muted">{others > 0 ? t.receiptCheck.keysCount(others) : t.receiptCheck.noKeys}</p>}
      {verdict === null ? (
        <ScannerPanel key={round} onText={(raw) => void onText(raw)} />
      ) : (
        <>
          {verdict.ok ? (
            <ValidReceipt facts={verdict.facts} keys={keys ?? []} />
          ) : (
            <div className="card verdict invalid" role="alert" data-testid="receipt-verdict">
              <p>
                <strong>{t.receiptCheck.problems[verdict.problem]}</strong>
              </p>
            </div>
          )}
          <button
            type="button"
            className="primary"
            onClick={() => {
              setVerdict(null);
              setRound((r) => r + 1);
            }}
          >
            {t.receiptCheck.again}
          </button>
        </>
      )}
    </section>
  );
}

function ValidReceipt({ facts, keys }: { facts: ReceiptFacts & { hash: string }; keys: readonly KnownKey[] }) {
  const { db } = useServices();
  const person = useLiveQuery(async () => (await readPerson(db, facts.beneficiaryId)) ?? null, [db, facts]);
  const key = keys.find((k) => k.deviceId === facts.deviceId);
  const device =
    key === undefined || key.deviceName === null
      ? t.receiptCheck.thisDevice
      : t.receiptCheck.deviceOf(key.deviceName, key.userName ?? '');
  return (
    <div className="card verdict valid" role="status" data-testid="receipt-verdict">
      <h2>{t.receiptCheck.valid}</h2>
      <p>{t.receiptCheck.validIntro}</p>
      <dl className="facts">
        <dt>{t.receiptCheck.device}</dt>
        <dd data-testid="verdict-device">{device}</dd>
        <dt>{t.receiptCheck.person}</dt>
        <dd data-testid="verdict-person">
          {person ? person.fullName : person === null ? t.receiptCheck.personUnknown(facts.beneficiaryId) : ''}
        </dd>
        <dt>{t.receiptCheck.amount}</dt>
        <dd data-testid="verdict-amount">{formatVnd(facts.amount as Vnd)}</dd>
        <dt>{t.receiptCheck.date}</dt>
        <dd data-testid="verdict-date">{formatIsoDate(facts.date)}</dd>
        <dt>{t.receiptCheck.receiver}</dt>
        <dd>{t.receivers[facts.receiver]}</dd>
        <dt>{t.receiptCheck.receiptNumber}</dt>
        <dd>{facts.number}</dd>
        <dt>{t.receiptCheck.shortCode}</dt>
        <dd data-testid="verdict-code">{shortCode(facts.hash)}</dd>
      </dl>
    </div>
  );
}
