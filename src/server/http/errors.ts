/** The one table from request error code to HTTP status (docs/protocol.md "Transport"), and the error body. */
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError } from '../../lib/app-error';
import { PROTOCOL_VERSION } from '../../protocol/common';
import type { ErrorBody, RequestErrorCode } from '../../protocol/error-codes';
import { requestErrorMessagesVi } from '../../protocol/messages.vi';

export const errorStatus = {
  'invalid-json': 400,
  'invalid-body': 400,
  'invalid-query': 400,
  'invalid-cursor': 400,
  'not-signed-in': 401,
  'token-expired': 401,
  'invalid-credentials': 401,
  'device-revoked': 401,
  /** The app pushes what it holds, then wipes (docs/protocol.md "Auth"); only pull answers it. */
  'device-retired': 401,
  forbidden: 403,
  'not-found': 404,
  'protocol-mismatch': 409,
  'payload-too-large': 413,
  'invalid-blob-hash': 400,
  'blob-hash-mismatch': 400,
  // 400, not 415: docs/protocol.md's status table has no 415, and clients treat every 400 alike.
  'blob-type-not-allowed': 400,
  'blob-quota-exceeded': 413,
  'too-many-attempts': 429,
  'not-a-spreadsheet': 400,
  'file-encrypted': 400,
  'file-corrupted': 400,
  'sheet-too-big': 400,
  'sheet-timeout': 400,
  'sheet-empty': 400,
  'no-header-row': 400,
  /** The month's list of the commune is approved: a correction is a new adjustment list. */
  'period-approved': 409,
  /** Four eyes: nobody approves a list they prepared (checked before any order). */
  'own-list': 403,
  'list-step-out-of-order': 409,
  /** The commune's month is closed: read-only. */
  'period-closed': 409,
  /** A close without a decision for every unpaid line, or with a wrong one. */
  'close-decisions-invalid': 422,
  /** Next month's line of a person whose money would be carried is already paid. */
  'carry-target-settled': 409,
  /** A column mapping naming an unknown field, a letter that is no column, or a column twice. */
  'invalid-mapping': 400,
  /** Submitting a list while a person who leaves it has no reason. */
  'decrease-reason-missing': 409,
  /** Submitting a list while a name-only match is not yet answered. */
  'match-undecided': 409,
  /** Submitting a list while a field finding about someone on it is not yet answered. */
  'field-outcome-undecided': 409,
  /** A correction list for a month whose list is not published. */
  'correction-needs-published': 409,
  /** Publishing a correction that would change a line paid meanwhile. */
  'correction-line-settled': 409,
  /** A provider whose template cannot make a file, or whose code another provider has. */
  'invalid-provider': 422,
  /** A batch with no line to send: nobody of that provider is owed this month. */
  'batch-empty': 422,
  /** Four eyes: nobody approves a batch they prepared. */
  'own-batch': 403,
  /** The batch is not at a step that allows this. */
  'batch-step-out-of-order': 409,
  /** A line of the batch was paid, withdrawn or sent elsewhere since the batch was prepared. */
  'batch-lines-changed': 409,
  /** Closing a batch with lines still waiting for results. */
  'batch-not-balanced': 409,
  /** The result file's columns cannot be found: the provider's result mapping must be chosen. */
  'result-mapping-needed': 422,
  /** A result file whose rows belong to another batch. */
  'results-other-batch': 422,
  /** A result file none of whose rows matches a line of the batch. */
  'results-match-nothing': 422,
  /** Rerouting a line that is not a failed transfer of the batch, or decided already. */
  'reroute-invalid': 409,
  /** Closing a month while lines wait for a provider's results. */
  'transfers-waiting': 409,
  /** Importing the outbox of a device still in use: retire or revoke it first. */
  'device-active': 409,
  /** Signing in with a device id another user holds (a device never changes hands). */
  'device-in-use': 409,
  /** An offline lease that is not a whole number of days from 1 to 90. */
  'lease-days-invalid': 400,
  'invalid-schedule': 400,
  'invalid-about': 400,
  /** A device key that is not a P-256 public key (SPKI, base64url). */
  'device-key-invalid': 400,
  /** The device registered another key already: a key is set once (docs/protocol.md "Verifiable receipts"). */
  'device-key-set': 409,
  /** A user an admin created or reset: only `POST /api/auth/password` until the password is changed. */
  'password-change-required': 403,
  /** Changing one's password with a wrong current one. */
  'wrong-password': 400,
  /** A new password too short, equal to the username, the current one or the demo's. */
  'password-too-weak': 422,
  /** Creating a user whose username another user has. */
  'username-taken': 409,
  /** A scope naming an unknown commune, district or province, or no commune for a role that needs one. */
  'invalid-scope': 422,
  /** Disabling or demoting the last active admin. */
  'last-admin': 409,
  /** An admin disabling, resetting or demoting themselves. */
  'own-account': 409,
  internal: 500,
} as const satisfies Record<RequestErrorCode, ContentfulStatusCode>;

/** Thrown by routes and middleware for an expected request-level failure; `app.onError` answers it. */
export class HttpError extends AppError<RequestErrorCode> {
  override name = 'HttpError';
}

export function httpError(code: RequestErrorCode, options?: { cause?: unknown }): HttpError {
  return new HttpError(code, requestErrorMessagesVi[code], options);
}

export function errorBody(code: RequestErrorCode): ErrorBody {
  return { protocol: PROTOCOL_VERSION, error: { code, message: requestErrorMessagesVi[code] } };
}
