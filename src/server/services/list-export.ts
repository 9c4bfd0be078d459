/**
 * `GET /api/lists/{listId}/export` (docs/protocol.md "Lists"): an approved or published list as
 * `.xlsx` in the columns it came in (domain/list-export.ts), under a title naming the commune,
 * the month and who approved it, with a totals row.
 */
import * as XLSX from '@e965/xlsx';
import type { Kysely } from 'kysely';
import { exportRows, type ExportCell } from '../../domain/list-export';
import type { SavedMapping } from '../../domain/list-import';
import type { ListRow } from '../../domain/list-rows';
import { sumVnd } from '../../domain/money';
import { err, ok, type Result } from '../../lib/result';
import type { User } from '../../protocol/auth';
import type { RequestErrorCode } from '../../protocol/error-codes';
import { can } from '../../protocol/permissions';
import type { Database } from '../db/schema';
import { isRecord } from './data-fields';
import { getEntity } from './entity-store';

type StoredMapping = { fields: SavedMapping; headers: string[] };

export async function exportList(
  db: Kysely<Database>,
  user: User,
  listId: string,
): Promise<Result<{ bytes: Uint8Array; fileName: string }, RequestErrorCode>> {
  const list = await db
    .selectFrom('lists')
    .leftJoin('users', 'users.id', 'lists.approver_id')
    .select(['lists.commune_code', 'lists.period', 'lists.status', 'lists.mapping', 'users.display_name'])
    .where('lists.id', '=', listId)
    .executeTakeFirst();
  // A list of another commune is not found, not forbidden: its existence is not told.
  if (!list || !can(user, 'lists.view', list.commune_code)) return err('not-found');
  if (list.status !== 'approved' && list.status !== 'published') return err('list-step-out-of-order');
  const lines = await db.selectFrom('list_lines').select('data').where('list_id', '=', listId).orderBy('row').execute();
  const rows = lines.map((l) => JSON.parse(l.data) as ListRow);
  const mapping = JSON.parse(list.mapping) as StoredMapping;
  const commune = await getEntity(db, 'commune', list.commune_code);
  const communeName =
    isRecord(commune?.data) && typeof commune.data['name'] === 'string' ? commune.data['name'] : list.commune_code;
  const [year, month] = list.period.split('-');

  const table = exportRows(mapping.headers, mapping.fields, rows);
  const width = mapping.headers.length;
  const totalColumn = mapping.fields.total ?? mapping.fields.monthlyAmount;
  const totals: ExportCell[] = Array.from({ length: width }, () => null);
  totals[Math.min(1, width - 1)] = 'Tổng cộng';
  if (totalColumn) totals[letterIndex(totalColumn)] = sumVnd(rows.map((r) => r.total));
  const aoa: ExportCell[][] = [
    [`UBND ${communeName.toUpperCase()}`],
    [`DANH SÁCH CHI TRẢ TRỢ CẤP XÃ HỘI HÀNG THÁNG - Tháng ${month ?? ''} năm ${year ?? ''}`],
    [list.display_name ? `Đã phê duyệt: ${list.display_name}` : null],
    ...table,
    totals,
  ];
  const sheet = XLSX.utils.aoa_to_sheet(aoa);
  const last = XLSX.utils.encode_col(Math.max(0, width - 1));
  sheet['!merges'] = [`A1:${last}1`, `A2:${last}2`, `A3:${last}3`].map((r) => XLSX.utils.decode_range(r));
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, `Tháng ${month ?? ''}`);
  const bytes = new Uint8Array(XLSX.write(book, { bookType: 'xlsx', type: 'array' }) as ArrayBuffer);
  return ok({ bytes, fileName: `Danh sách ${communeName} tháng ${month ?? ''}-${year ?? ''} (đã duyệt).xlsx` });
}

const letterIndex = (letter: string): number =>
  [...letter.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
