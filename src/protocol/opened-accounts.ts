/**
 * Opened accounts on the wire (issue 12, docs/protocol.md "Opened accounts"): a provider's list of
 * the accounts it opened, read and matched to the commune's roster (a review; nothing changes),
 * then applied with the rows a supervisor accepted. With the Vietnamese text of each row's outcome.
 */
import { z } from 'zod';
import { openedAccountFields, openedAccountOutcomes, type OpenedAccountOutcome } from '../domain/opened-accounts';
import { accountStatuses, paymentMethods } from '../domain/vocabulary';
import { communeCodeSchema, idSchema, protocolField } from './common';

/** `POST /api/providers/{id}/opened-accounts?commune=CODE` (the file is the body). */
export const openedAccountsQuerySchema = z.object({ commune: communeCodeSchema });

/** The person a row's ID number names, as the roster has them now. */
export const openedAccountPersonSchema = z.object({
  id: idSchema,
  fullName: z.string(),
  paymentMethod: z.enum(paymentMethods).nullable(),
  /** The bank (or wallet provider) recorded for the person, if any. */
  bankName: z.string().nullable(),
  /** Their account for the provider's method (bank account, or wallet number), if any. */
  account: z.string().nullable(),
  accountStatus: z.enum(accountStatuses),
});
export type OpenedAccountPersonView = z.infer<typeof openedAccountPersonSchema>;

export const openedAccountRowSchema = z.object({
  /** The spreadsheet's row number. */
  row: z.number().int().positive(),
  /** As read (leading zeros a number cell lost put back). */
  idNumber: z.string(),
  /** The name in the file. */
  fullName: z.string(),
  /** The account as it would be recorded (a wallet in its national form). */
  accountNumber: z.string(),
  holderName: z.string().nullable(),
  /** `YYYY-MM-DD`, or null. */
  openedDate: z.string().nullable(),
  outcome: z.enum(openedAccountOutcomes),
  /** Vietnamese text of the outcome. */
  message: z.string(),
  /** Null when no person, or several, have the ID number. */
  person: openedAccountPersonSchema.nullable(),
  /** True once the import is applied and this row set the person's account. */
  applied: z.boolean(),
});
export type OpenedAccountRowView = z.infer<typeof openedAccountRowSchema>;

/** The review of one file (and, after `apply`, what was applied). */
export const openedAccountsReviewSchema = z.object({
  protocol: protocolField,
  importId: idSchema,
  providerId: idSchema,
  commune: communeCodeSchema,
  fileName: z.string(),
  /** The header row's number in the sheet. */
  headerRow: z.number().int().positive(),
  /** Header text of the column read for each field. */
  mapping: z.partialRecord(z.enum(openedAccountFields), z.string()),
  /** Rows per outcome (every outcome present, 0 included). */
  counts: z.record(z.enum(openedAccountOutcomes), z.number().int().nonnegative()),
  rows: z.array(openedAccountRowSchema),
  /** ISO time it was applied; null while it waits for review. */
  appliedAt: z.string().nullable(),
  /** Rows applied (0 before). */
  applied: z.number().int().nonnegative(),
});
export type OpenedAccountsReview = z.infer<typeof openedAccountsReviewSchema>;

/** `POST /api/providers/{id}/opened-accounts/{importId}/apply`. */
export const openedAccountsApplyRequestSchema = z.object({
  /** Rows `name-differs` the supervisor confirmed are the person; any other row listed is ignored. */
  accept: z.array(z.number().int().positive()).max(5000).default([]),
});
export type OpenedAccountsApplyRequest = z.input<typeof openedAccountsApplyRequestSchema>;

export const openedAccountMessagesVi = {
  match: 'Khớp số CCCD và họ tên: sẽ ghi nhận tài khoản đã mở.',
  'name-differs':
    'Khớp số CCCD nhưng họ tên khác danh sách của xã: chỉ ghi nhận khi cán bộ giám sát xác nhận đúng người.',
  'not-found': 'Không có đối tượng nào của xã mang số CCCD/CMND này: không ghi nhận.',
  'several-people':
    'Có nhiều đối tượng của xã mang số CCCD/CMND này: cần sửa danh sách đối tượng trước, không ghi nhận.',
  'duplicate-row': 'Số CCCD/CMND này có ở nhiều dòng của tệp: không ghi nhận dòng này, cần đối chiếu với nhà cung cấp.',
  'account-invalid': 'Số tài khoản (hoặc số ví) không đúng quy cách của nhà cung cấp: không ghi nhận.',
  'already-set': 'Đối tượng đã có đúng tài khoản này, đã mở: không cần ghi nhận lại.',
} as const satisfies Record<OpenedAccountOutcome, string>;
