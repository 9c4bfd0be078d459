/** Request-level error codes and the one error body shape (docs/protocol.md "Transport"). */
import { z } from 'zod';
import { protocolField } from './common';

export const requestErrorCodes = [
  'invalid-json',
  'invalid-body',
  'invalid-query',
  'invalid-cursor',
  'not-signed-in',
  'token-expired',
  'invalid-credentials',
  'device-revoked',
  'device-retired',
  'forbidden',
  'not-found',
  'protocol-mismatch',
  'payload-too-large',
  'invalid-blob-hash',
  'blob-hash-mismatch',
  'blob-type-not-allowed',
  'blob-quota-exceeded',
  'too-many-attempts',
  'not-a-spreadsheet',
  'file-encrypted',
  'file-corrupted',
  'sheet-too-big',
  'sheet-timeout',
  'sheet-empty',
  'no-header-row',
  'period-approved',
  'own-list',
  'list-step-out-of-order',
  'period-closed',
  'close-decisions-invalid',
  'carry-target-settled',
  'invalid-mapping',
  'decrease-reason-missing',
  'match-undecided',
  'field-outcome-undecided',
  'correction-needs-published',
  'correction-line-settled',
  'invalid-provider',
  'batch-empty',
  'own-batch',
  'batch-step-out-of-order',
  'batch-lines-changed',
  'batch-not-balanced',
  'result-mapping-needed',
  'results-other-batch',
  'results-match-nothing',
  'reroute-invalid',
  'transfers-waiting',
  'device-active',
  'device-in-use',
  'lease-days-invalid',
  'internal',
] as const;
export type RequestErrorCode = (typeof requestErrorCodes)[number];

export const errorBodySchema = z.object({
  protocol: protocolField,
  error: z.object({
    /** Stable kebab-case code for programs. */
    code: z.string(),
    /** Vietnamese text for people. */
    message: z.string(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;
