import { useLiveQuery } from 'dexie-react-hooks';
import { useServices } from './services';
import { useSession } from './use-session';

export type CommuneChoice = { code: string; name: string; provinceCode: string | null };

/** The signed-in user's communes with their names when pulled (else the code alone). */
export function useMyCommunes(): CommuneChoice[] | undefined {
  const { db } = useServices();
  const session = useSession();
  const codes = session?.user.communes.join(',');
  return useLiveQuery(async () => {
    if (codes === undefined) return undefined;
    const rows = await db.communes.toArray();
    return codes
      .split(',')
      .filter(Boolean)
      .map((code) => {
        const row = rows.find((r) => r.code === code);
        return { code, name: row?.name ?? code, provinceCode: row?.provinceCode ?? null };
      });
  }, [db, codes]);
}
