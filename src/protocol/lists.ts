/**
 * Monthly lists on the wire (docs/protocol.md "Lists"; pinned for other programs by issue 11):
 * the import answer with its findings and the diff's counts and money, and the answers of the
 * steps submit, return, approve and publish.
 */
import { z } from 'zod';
import { listFields } from '../domain/list-columns';
import { comparedFields } from '../domain/list-diff';
import { decreaseReasons } from '../domain/list-decreases';
import { communeCodeSchema, isoMonth, nfcString, protocolField } from './common';

/** A list's way: imported as a draft, submitted, returned or approved, then published. */
export const listStatuses = ['draft', 'submitted', 'returned', 'approved', 'published', 'replaced'] as const;
export type ListStatus = (typeof listStatuses)[number];

/**
 * A month's list, or a correction of a published one (danh sách điều chỉnh bổ sung): only the
 * people whose line this month changes, each with the corrected line (0: not paid this month).
 */
export const listKinds = ['month', 'correction'] as const;
export type ListKind = (typeof listKinds)[number];

/** `POST /api/lists/import?period=YYYY-MM&commune=CODE[&kind=correction]` (the file is the body). */
export const listImportQuerySchema = z.object({
  period: isoMonth,
  commune: communeCodeSchema,
  kind: z.enum(listKinds).default('month'),
});

export const wireFindingSchema = z.object({
  /** The row the spreadsheet shows (CSV: the line, header = 1); null for the whole file. */
  row: z.number().int().positive().nullable(),
  /** The column letter as shown (A, B, …); null when no one column is at fault. */
  column: z.string().nullable(),
  /** Stable code (domain/list-rows.ts `FindingCode`). */
  code: z.string(),
  severity: z.enum(['error', 'warning']),
  /** Vietnamese text for people. */
  message: z.string(),
});
export type WireFinding = z.infer<typeof wireFindingSchema>;

export const listMoneySchema = z.object({
  previous: z.number().int(),
  increases: z.number().int(),
  decreases: z.number().int(),
  /** Net change of the line totals of people on both lists; may be negative. */
  adjustments: z.number().int(),
  current: z.number().int(),
});

export const diffSummarySchema = z.object({
  increases: z.number().int().nonnegative(),
  decreases: z.number().int().nonnegative(),
  adjustments: z.number().int().nonnegative(),
  unchanged: z.number().int().nonnegative(),
  /** previous + increases − decreases + adjustments = current, to the đồng. */
  money: listMoneySchema,
});
export type DiffSummary = z.infer<typeof diffSummarySchema>;

/** A column of the file as the import read it (additive: for the mapping screen). */
export const wireColumnSchema = z.object({
  letter: z.string(),
  header: z.string(),
  /** The field it was read as (`listFields`, src/domain/list-columns.ts); null: kept, unmapped. */
  field: z.enum(listFields).nullable(),
  samples: z.array(z.string()),
});
export type WireColumn = z.infer<typeof wireColumnSchema>;

/** How the file was read: present whenever its header row was found. */
export const listReadingSchema = z.object({
  /** The key a fixed mapping is saved under (the folded header texts of the file's layout). */
  sourceKey: z.string(),
  /** The spreadsheet row of the (last) header row. */
  headerRow: z.number().int().positive(),
  columns: z.array(wireColumnSchema),
});
export type ListReading = z.infer<typeof listReadingSchema>;

/** `PUT /api/lists/mappings`: how a commune's files of this layout are to be read from now on. */
export const listMappingRequestSchema = z.object({
  protocol: protocolField,
  commune: communeCodeSchema,
  sourceKey: z.string().min(1).max(20_000),
  /** Field → column letter; a field left out is found by its header as usual. */
  fields: z.record(z.string(), z.string().max(3)),
});

export const listImportResponseSchema = z.object({
  protocol: protocolField,
  /** Null when nothing was created (an error finding: the answer is 422). */
  listId: z.string().nullable(),
  status: z.enum(listStatuses).nullable(),
  /** The identical file was imported before for this month and commune: nothing changed. */
  duplicate: z.boolean(),
  findings: z.array(wireFindingSchema),
  diff: diffSummarySchema,
  /** Additive: how the columns were read (absent for a duplicate). */
  reading: listReadingSchema.optional(),
});
export type ListImportResponse = z.infer<typeof listImportResponseSchema>;

/** `PUT /api/lists/{listId}/decreases`: the reasons of people who leave the list. */
export const listDecreasesRequestSchema = z.object({
  protocol: protocolField,
  decisions: z
    .array(
      z.object({
        beneficiaryId: z.string().min(1).max(200),
        reason: z.enum(decreaseReasons),
        note: nfcString.pipe(z.string().max(500)).nullable().default(null),
      }),
    )
    .min(1)
    .max(100_000),
});

/** `PUT /api/lists/{listId}/matches`: is the row the roster's person (matched by name only)? */
export const listMatchesRequestSchema = z.object({
  protocol: protocolField,
  answers: z
    .array(z.object({ beneficiaryId: z.string().min(1).max(200), row: z.number().int().positive(), same: z.boolean() }))
    .min(1)
    .max(100_000),
});

export const listMatchesResponseSchema = z.object({
  protocol: protocolField,
  listId: z.string(),
  /** Name-only matches still without an answer. */
  undecided: z.number().int().nonnegative(),
});

/**
 * `PUT /api/lists/{listId}/field-outcomes`: hold back someone on the list the field found dead,
 * moved away or not collecting (`accept: true`), or pay them as the file says (`false`, with why).
 */
export const listFieldOutcomesRequestSchema = z.object({
  protocol: protocolField,
  answers: z
    .array(
      z.object({
        beneficiaryId: z.string().min(1).max(200),
        accept: z.boolean(),
        note: nfcString.pipe(z.string().max(500)).nullable().default(null),
      }),
    )
    .min(1)
    .max(100_000),
});

export const listFieldOutcomesResponseSchema = z.object({
  protocol: protocolField,
  listId: z.string(),
  /** Field proposals still without an answer. */
  undecided: z.number().int().nonnegative(),
});

export const listDecreasesResponseSchema = z.object({
  protocol: protocolField,
  listId: z.string(),
  /** People who leave the list still without a reason. */
  missing: z.number().int().nonnegative(),
});

/** `POST /api/lists/{listId}/return` carries why. */
export const listReturnRequestSchema = z.object({
  protocol: protocolField,
  comment: z.string().trim().min(1).max(1000),
});

export const listStepResponseSchema = z.object({
  protocol: protocolField,
  listId: z.string(),
  status: z.enum(listStatuses),
});
export type ListStepResponse = z.infer<typeof listStepResponseSchema>;

/** `GET /api/lists?commune=CODE&period=YYYY-MM`: the month's lists of a commune, newest first. */
export const listsQuerySchema = z.object({ commune: communeCodeSchema, period: isoMonth });

export const listSummarySchema = z.object({
  listId: z.string(),
  /** Additive: a month's list or a correction of it. */
  kind: z.enum(listKinds).default('month'),
  period: isoMonth,
  communeCode: communeCodeSchema,
  status: z.enum(listStatuses),
  fileName: z.string(),
  /** Whole đồng this month's list pays. */
  total: z.number().int(),
  lineCount: z.number().int().nonnegative(),
  preparerId: z.string(),
  preparerName: z.string(),
  /** ISO 8601 instants. */
  createdAt: z.string(),
  approverName: z.string().nullable(),
  approvedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
});
export type ListSummary = z.infer<typeof listSummarySchema>;

export const listsResponseSchema = z.object({ protocol: protocolField, lists: z.array(listSummarySchema) });

export const listLineViewSchema = z.object({
  row: z.number().int(),
  beneficiaryId: z.string().nullable(),
  kind: z.enum(['increase', 'adjustment', 'unchanged', 'decrease']),
  total: z.number().int(),
  fullName: z.string(),
  code: z.string().nullable(),
  /** Additive: an adjustment's changes, field by field (`total` in đồng, `category`, `paymentMethod`). */
  changes: z
    .array(
      z.object({
        field: z.enum(comparedFields),
        from: z.union([z.number(), z.string()]).nullable(),
        to: z.union([z.number(), z.string()]).nullable(),
      }),
    )
    .default([]),
});

/** `GET /api/lists/{id}`: the list, its findings, its diff, its lines and its history. */
export const listDetailResponseSchema = z.object({
  protocol: protocolField,
  list: listSummarySchema,
  findings: z.array(wireFindingSchema),
  diff: diffSummarySchema,
  lines: z.array(listLineViewSchema),
  /** People on last month's list and not paid on this one (absent, or on it with nothing to pay). */
  decreases: z.array(
    z.object({
      beneficiaryId: z.string(),
      fullName: z.string(),
      code: z.string().nullable(),
      total: z.number().int(),
      /** Additive: the reason the preparer gave (null: none yet), and what the field suggests. */
      reason: z.enum(decreaseReasons).nullable().default(null),
      note: z.string().nullable().default(null),
      suggested: z.enum(decreaseReasons).nullable().default(null),
    }),
  ),
  events: z.array(
    z.object({ at: z.string(), userName: z.string(), action: z.string(), comment: z.string().nullable() }),
  ),
  /**
   * Additive: rows matched to last month's people by name, birth year and village only, and the
   * preparer's answer (null: not yet; true: the same person; false: two people).
   */
  matches: z
    .array(
      z.object({
        beneficiaryId: z.string(),
        row: z.number().int(),
        fullName: z.string(),
        birthDate: z.string(),
        village: z.string().nullable(),
        previousCode: z.string().nullable(),
        same: z.boolean().nullable(),
      }),
    )
    .default([]),
  /**
   * Additive: people on the list the field proposes to hold back this month (`suggested`:
   * `deceased`, `moved-away` or `missed-payments`), and the preparer's answer (`accepted` null:
   * not yet; true: held back; false: dismissed, `note` saying why).
   */
  fieldOutcomes: z
    .array(
      z.object({
        beneficiaryId: z.string(),
        row: z.number().int(),
        fullName: z.string(),
        code: z.string().nullable(),
        total: z.number().int(),
        suggested: z.enum(decreaseReasons),
        accepted: z.boolean().nullable(),
        note: z.string().nullable(),
      }),
    )
    .default([]),
});
export type ListDetail = z.infer<typeof listDetailResponseSchema>;
