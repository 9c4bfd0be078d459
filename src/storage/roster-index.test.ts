import fc from 'fast-check';
import { afterEach, describe, expect, test } from 'vitest';
import { beneficiaryData } from '../../tests/builders/beneficiary';
import { noFilters, type RosterFilters, type RosterView } from '../domain/roster-filter';
import type { BeneficiaryData } from '../protocol/entities';
import Dexie from 'dexie';
import { queryWords } from '../domain/vietnamese-text';
import { createAppDb, type AppDb, type BeneficiaryRow } from './app-db';
import { attachRosterIndex, rosterIndexOf } from './roster-index';
import { appendRosterPages, prefetchSealedPages, takePrefetchedPages } from './roster-pages';
import { filteredRosterKeys, searchRoster, searchRosterKeys } from './roster-queries';
import { toBeneficiaryRow } from './roster-row';
import { wipeDevice } from './wipe';
import { filtersArb, queryArb, rosterArb, writeArb } from './roster.testkit';

const today = '2026-11-15';
const opened: AppDb[] = [];

/** A database with an index, and a second connection to it without one: the table-scan path. */
async function pair(rows: [string, Partial<BeneficiaryData>][], chunkSize = 7) {
  const name = `t-${crypto.randomUUID()}`;
  const db = createAppDb(name);
  const plain = createAppDb(name);
  opened.push(plain, db);
  await db.beneficiaries.bulkPut(rows.map(([id, p]) => toBeneficiaryRow(id, 1, beneficiaryData(p))));
  const index = attachRosterIndex(db, { today: () => today, chunkSize });
  await index.whenReady();
  return { db, plain, index };
}

afterEach(() => {
  for (const db of opened.splice(0)) {
    rosterIndexOf(db)?.close();
    db.close();
  }
});

const view = (filters: Partial<RosterFilters> = {}, sort: RosterView['sort'] = 'name'): RosterView => ({
  filters: { ...noFilters, ...filters },
  sort,
});
const names = (rows: { fullName: string }[]) => rows.map((r) => r.fullName);

describe('roster index freshness', () => {
  test('a person written, renamed, re-filed and deleted is found accordingly right after each write', async () => {
    const { db, index } = await pair([['a1', { fullName: 'Nguyễn Văn Bình', village: 'Tổ 1' }]]);
    expect(index.isReady()).toBe(true);
    expect((await searchRoster(db, 'xuan')).rows).toEqual([]);

    await db.beneficiaries.put(
      toBeneficiaryRow('a2', 1, beneficiaryData({ fullName: 'Lê Thị Xuân', village: 'Tổ 3' })),
    );
    expect(names((await searchRoster(db, 'xuan')).rows)).toEqual(['Lê Thị Xuân']);
    expect(await filteredRosterKeys(db, view({ village: 'Tổ 3' }), today)).toEqual(['a2']);

    await db.beneficiaries.update('a2', { ...toBeneficiaryRow('a2', 2, beneficiaryData({ fullName: 'Lê Thị Thu' })) });
    expect((await searchRoster(db, 'xuan')).rows).toEqual([]);
    expect(names((await searchRoster(db, 'le thu')).rows)).toEqual(['Lê Thị Thu']);
    expect(await filteredRosterKeys(db, view({ village: 'Tổ 3' }), today)).toEqual([]);

    await db.beneficiaries.update('a1', { paymentMethod: 'bank' });
    expect(await filteredRosterKeys(db, view({ method: 'bank' }), today)).toEqual(['a1']);

    await db.beneficiaries.delete('a2');
    expect((await searchRoster(db, 'thu')).rows).toEqual([]);
    expect((await searchRosterKeys(db, 'le', view(), today)).ids).toEqual([]);
  });

  test('people changed after the build are met in IndexedDB order (token, then id) among the others', async () => {
    const { db, plain } = await pair([
      ['a1', { fullName: 'Nguyễn Văn Bình' }],
      ['a2', { fullName: 'Nguyễn Văn Cường' }],
      ['a3', { fullName: 'Nguyễn Văn Dũng' }],
    ]);
    // Sorts first by name but comes last in the scan: the first two found are a1 and a2.
    await db.beneficiaries.put(toBeneficiaryRow('z0', 1, beneficiaryData({ fullName: 'Nguyễn Văn An' })));
    await db.beneficiaries.put(toBeneficiaryRow('a0', 1, beneficiaryData({ fullName: 'Nguyễn Văn Yên' })));
    for (const limit of [1, 2, 3, 4, 5]) {
      const [fast, slow] = [await searchRoster(db, 'nguyen', limit), await searchRoster(plain, 'nguyen', limit)];
      expect(names(fast.rows)).toEqual(names(slow.rows));
      expect(fast.hasMore).toBe(slow.hasMore);
    }
    expect(names((await searchRoster(db, 'nguyen', 1)).rows)).toEqual(['Nguyễn Văn Bình']);
  });

  test('changes committed while the index is being built are in it when it is ready', async () => {
    const name = `t-${crypto.randomUUID()}`;
    const db = createAppDb(name);
    opened.push(db);
    const many = Array.from({ length: 30 }, (_, i) =>
      toBeneficiaryRow(`p${String(i).padStart(2, '0')}`, 1, beneficiaryData({ fullName: `Trần Văn Số${i}` })),
    );
    // Pulled pages of five; between pages: a pull changes a row already read, a pull removes
    // one not read yet, the device edits another (an edited record).
    for (let i = 0; i < many.length; i += 5) await appendRosterPages(db, many.slice(i, i + 5), []);
    let step = 0;
    const pull = (rows: BeneficiaryRow[], deleted: string[]) => appendRosterPages(db, rows, deleted);
    const index = attachRosterIndex(db, {
      today: () => today,
      yieldToUi: async () => {
        step++;
        if (step === 1) await pull([toBeneficiaryRow('p01', 2, beneficiaryData({ fullName: 'Hồ Thị Mới' }))], []);
        if (step === 2) await pull([], ['p25']);
        if (step === 3)
          await db.beneficiaries.put(toBeneficiaryRow('p99', 1, beneficiaryData({ fullName: 'Võ Thị Sau' })));
      },
    });
    expect(index.isReady()).toBe(false);
    // A search made before it is ready waits for it (IndexedDB has no token index since version 3).
    expect((await searchRoster(db, 'tran', 100)).rows.length).toBeGreaterThan(0);
    expect(index.isReady()).toBe(true);
    await index.whenReady();
    expect(step).toBeGreaterThanOrEqual(3);
    expect(names((await searchRoster(db, 'moi')).rows)).toEqual(['Hồ Thị Mới']);
    expect((await searchRoster(db, 'so25')).rows).toEqual([]);
    expect(names((await searchRoster(db, 'sau')).rows)).toEqual(['Võ Thị Sau']);
    expect((await searchRoster(db, 'tran', 100)).rows).toHaveLength(28);
  });

  test('another connection’s writes (another tab) are seen by the next query', async () => {
    const { db, plain } = await pair([['a1', { fullName: 'Nguyễn Văn Bình' }]]);
    await plain.beneficiaries.put(toBeneficiaryRow('a2', 1, beneficiaryData({ fullName: 'Phạm Thị Lan' })));
    expect(names((await searchRoster(db, 'lan')).rows)).toEqual(['Phạm Thị Lan']);
    await plain.beneficiaries.update('a1', { status: 'deceased' });
    expect(await filteredRosterKeys(db, view({ status: 'deceased' }), today)).toEqual(['a1']);
    await plain.beneficiaries.delete('a2');
    expect((await searchRoster(db, 'lan')).rows).toEqual([]);
  });

  test('pages read while locked are used, unless pages changed before the build', async () => {
    const db = createAppDb(`t-${crypto.randomUUID()}`);
    opened.push(db);
    const row = (id: string, fullName: string) => toBeneficiaryRow(id, 1, beneficiaryData({ fullName }));
    await appendRosterPages(db, [row('a', 'Nguyễn Văn An'), row('b', 'Lê Thị Bình')], []);
    prefetchSealedPages(db);
    // A pull (another tab) lands between the prefetch and the build: a new page, a removal.
    await appendRosterPages(db, [row('c', 'Trần Văn Cường')], ['a']);
    const index = attachRosterIndex(db, { today: () => today });
    await index.whenReady();
    expect(index.count()).toBe(2);
    expect((await searchRosterKeys(db, 'cuong', view(), today)).ids).toEqual(['c']);
    index.close();

    // Unchanged since the prefetch: the build takes the prefetched pages, with the same answers.
    prefetchSealedPages(db);
    const again = attachRosterIndex(db, { today: () => today });
    await again.whenReady();
    expect(again.count()).toBe(2);
    expect((await searchRosterKeys(db, 'binh', view(), today)).ids).toEqual(['b']);
    expect(takePrefetchedPages(db)).toBeUndefined();
  });

  test('a wipe empties it', async () => {
    const { db } = await pair([['a1', { fullName: 'Nguyễn Văn Bình' }]]);
    await wipeDevice(db, 'device-revoked');
    expect((await searchRoster(db, 'binh')).rows).toEqual([]);
    expect(await filteredRosterKeys(db, view({}, 'village'), today)).toEqual([]);
  });
});

/**
 * What searchRoster answered up to schema version 2, from a cursor over the multiEntry
 * `searchTokens` index: the reference order both the index and the table scan must keep.
 */
async function tokenCursorSearch(
  rows: BeneficiaryRow[],
  query: string,
  limit: number,
  accept: (row: BeneficiaryRow) => boolean = () => true,
): Promise<string[]> {
  const words = queryWords(query);
  const probe = words.reduce((a, b) => (b.length > a.length ? b : a), '');
  if (!probe) return [];
  const rest = words.filter((w) => w !== probe);
  const ref = new Dexie(`t-ref-${crypto.randomUUID()}`);
  ref.version(1).stores({ beneficiaries: 'id, *searchTokens' });
  try {
    await ref.table<BeneficiaryRow, string>('beneficiaries').bulkPut(rows);
    const seen = new Set<string>();
    const found = await ref
      .table<BeneficiaryRow, string>('beneficiaries')
      .where('searchTokens')
      .startsWith(probe)
      .filter((row) => {
        if (seen.has(row.id)) return false;
        seen.add(row.id);
        return rest.every((w) => row.searchTokens.some((t) => t.startsWith(w))) && accept(row);
      })
      .limit(limit + 1)
      .toArray();
    found.sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0));
    return found.map((r) => r.id);
  } finally {
    await ref.delete();
  }
}

describe('roster index answers what the table scan and the former IndexedDB token index answer', () => {
  test('search, filtered search and filtered keys, before and after random writes', async () => {
    await fc.assert(
      fc.asyncProperty(
        rosterArb,
        fc.array(writeArb, { maxLength: 16 }),
        fc.array(fc.tuple(queryArb, fc.integer({ min: 1, max: 6 }), filtersArb), { minLength: 3, maxLength: 6 }),
        async (roster, writes, queries) => {
          const { db, plain, index } = await pair(roster, 4);
          const compare = async () => {
            expect(index.isReady()).toBe(true);
            for (const [query, limit, v] of queries) {
              const [fast, slow] = [await searchRoster(db, query, limit), await searchRoster(plain, query, limit)];
              expect(fast.rows.map((r) => r.id)).toEqual(slow.rows.map((r) => r.id));
              expect(fast.hasMore).toBe(slow.hasMore);
              const accept = (row: { village: string }) => row.village !== 'Tổ 1';
              const [fa, sa] = [
                await searchRoster(db, query, limit, accept),
                await searchRoster(plain, query, limit, accept),
              ];
              expect(fa.rows.map((r) => r.id)).toEqual(sa.rows.map((r) => r.id));
              expect(fa.hasMore).toBe(sa.hasMore);
              const all = await plain.beneficiaries.toArray();
              expect(slow.rows.map((r) => r.id)).toEqual((await tokenCursorSearch(all, query, limit)).slice(0, limit));
              expect(sa.rows.map((r) => r.id)).toEqual(
                (await tokenCursorSearch(all, query, limit, accept)).slice(0, limit),
              );
              expect(await searchRosterKeys(db, query, v, today, limit)).toEqual(
                await searchRosterKeys(plain, query, v, today, limit),
              );
              expect(await filteredRosterKeys(db, v, today)).toEqual(await filteredRosterKeys(plain, v, today));
            }
          };
          await compare();
          for (const [kind, id, person] of writes) {
            if (kind === 'delete') await db.beneficiaries.delete(id);
            else await db.beneficiaries.put(toBeneficiaryRow(id, 2, beneficiaryData(person ?? {})));
          }
          await compare();
          rosterIndexOf(db)?.close();
          db.close();
          plain.close();
          opened.length = 0;
        },
      ),
      { numRuns: 25 },
    );
    // 25 runs of IndexedDB work on fake-indexeddb: seconds on a loaded two-core machine.
  }, 60_000);
});
