/**
 * Which facts came from a broken tablet's file, and who imported them (issue 13, finding 5;
 * docs/protocol.md "Storage safety"): the server marks an imported op's facts on its payment line,
 * and its `id-check`, with `importedBy`, the importer's user id. The device knows no other user's
 * name, so the id is shown unless the importer is the one signed in here.
 */
import { paymentLineWithHistorySchema } from '../protocol/payment-line-history';
import { t } from './messages';
import { useSession } from './use-session';

export const importedFactKinds = ['payment', 'visit', 'void', 'conflict'] as const;
export type ImportedFactKind = (typeof importedFactKinds)[number];
export type ImportedFact = { kind: ImportedFactKind; opId: string; by: string };

/** The facts of a payment line (as pulled or stored) that an import added, in the line's order. */
export function importedFacts(line: object): ImportedFact[] {
  const parsed = paymentLineWithHistorySchema.safeParse(line);
  if (!parsed.success) return [];
  const { payment, lastVisit, voids, conflicts } = parsed.data;
  const facts: ImportedFact[] = [];
  const add = (kind: ImportedFactKind, fact: { opId: string; importedBy?: string | undefined } | null) => {
    if (fact?.importedBy !== undefined) facts.push({ kind, opId: fact.opId, by: fact.importedBy });
  };
  add('payment', payment);
  add('visit', lastVisit);
  for (const v of voids) add('void', v);
  for (const c of conflicts) add('conflict', c.fact);
  return facts;
}

/**
 * The importer's name when this device knows it (the signed-in user), else their user id; null
 * while the session is read, so an id never flickers where a name follows.
 */
export function useImporterName(): ((userId: string) => string) | null {
  const session = useSession();
  if (session === undefined) return null;
  const user = session?.user;
  return (userId) => (user?.id === userId && user.displayName.trim() !== '' ? user.displayName : userId);
}

/** " · Nhập từ tệp bởi …" after an `id-check` record, or nothing when it was not imported. */
export function ImportedBy({ by }: { by: unknown }) {
  const nameOf = useImporterName();
  if (nameOf === null || typeof by !== 'string' || by === '') return null;
  return (
    <>
      {' · '}
      <span className="imported-by" data-testid="imported-by">
        {t.imported.by(nameOf(by))}
      </span>
    </>
  );
}

/** One line per fact of a payment line that came from a file: what it was, who imported it. */
export function ImportedFacts({ line }: { line: object }) {
  const nameOf = useImporterName();
  const facts = importedFacts(line);
  if (nameOf === null || facts.length === 0) return null;
  return (
    <ul className="imported-facts" data-testid="imported-facts">
      {facts.map((f) => (
        <li key={`${f.kind}-${f.opId}`}>{t.imported.fact(t.imported.kinds[f.kind], nameOf(f.by))}</li>
      ))}
    </ul>
  );
}
