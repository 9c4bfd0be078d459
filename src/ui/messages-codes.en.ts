/** English text of domain and protocol codes (part of messages.en.ts); see messages-codes.vi.ts. */
import type { CategoryCode } from '../domain/vocabulary';
import type { RequestErrorCode } from '../protocol/error-codes';
import type { OpResultCode, PushStatus } from '../protocol/push';

export const codeMessages = {
  categories: {
    k1: 'Child without means of support',
    k2: 'Person aged 16–22 in education',
    k3: 'Child with HIV in a poor household',
    k4: 'Poor single parent raising children',
    k5a: 'Older person in a poor household with no one to support them',
    k5b: 'Person aged 75–80 in an extremely disadvantaged area',
    k5c: 'Person aged 80 or over without a pension',
    k5d: 'Older person taken in for care in the community',
    k6: 'Person with a severe or very severe disability',
    k7: 'Child under 3 in a poor household in a disadvantaged area',
    k8: 'Person with HIV in a poor household',
  } satisfies Record<CategoryCode, string>,
  categoryNames: {
    k1: 'Child under 16 without means of support',
    k2: 'Person aged 16 to 22 without means of support who is in education',
    k3: 'Child living with HIV/AIDS in a poor household',
    k4: 'Poor single parent raising children',
    k5a: 'Older person in a poor household with no one obliged and entitled to support them',
    k5b: 'Person aged 75 to 80 in a poor or near-poor household in an ethnic minority or mountainous area',
    k5c: 'Person aged 80 or over without a pension, social insurance allowance or monthly social allowance',
    k5d: 'Older person in a poor household with no one to support them, taken in for care in the community',
    k6: 'Person with a severe or very severe disability',
    k7: 'Child under 3 in a poor or near-poor household in an ethnic minority or mountainous area',
    k8: 'Person living with HIV/AIDS in a poor household without a stable income',
  } satisfies Record<CategoryCode, string>,
  opResults: {
    'already-paid':
      'This payment line had already been paid. The payment just recorded has been kept for a supervisor to review.',
    'line-cancelled':
      'This payment line has been cancelled (for example, the beneficiary has died) but a payment was recorded. A supervisor will review it.',
    'beneficiary-inactive':
      'The beneficiary is suspended or no longer receiving, but a payment was recorded. A supervisor will review it.',
    'concurrent-edit':
      'Someone else has just changed this information. The latest version is kept, and both versions are saved.',
    'amount-mismatch':
      'The amount paid differs from the amount on the list. The action was not recorded; please check again.',
    'invalid-payload': "The action's data is invalid. The action was not recorded.",
    'nothing-to-void': 'There is no payment or payment line to cancel.',
    'line-has-payment': 'The payment line already has a payment. Cancel the payment before cancelling the line.',
    forbidden: 'You are not allowed to do this for this commune or with this role.',
    'unknown-entity': 'The beneficiary or payment line was not found on the server.',
    'already-enrolled':
      'This beneficiary is already on the roster: an enrolment never overwrites them. Edit the details on their page.',
    'reason-not-for-status':
      'The reason does not fit the chosen status (a death must be recorded with the reason “Deceased”).',
    'not-transferable':
      'This payment line cannot be transferred: it is paid, waiting for a result, cancelled, or not paid to an account.',
    'not-in-batch': 'This payment line is not in a transfer batch waiting for results.',
    'not-failed': 'Only a failed transfer can be moved to cash.',
    'line-in-batch': 'This payment line is in a transfer batch waiting for results. Cancel the batch before the line.',
    'op-id-reused':
      'This device already used this action id for a different action. It was not recorded; please tell the administrator.',
    'seq-reused': 'An action sequence number on this device was used twice. Please tell the administrator.',
    'line-settled':
      'This payment line is paid, in a transfer, or cancelled: it is not reassigned. Whoever paid accounts for that money.',
    'not-cash-line': 'This payment line is paid into an account: it is not given to a cash payer.',
    'unknown-payer': 'The person assigned is not a payer of this commune, or their account is disabled.',
    'wrong-ledger': "This cash action does not match the payer's ledger. It was not recorded.",
    'not-own-ledger': 'A payer records only their own cash.',
    'handover-to-self': 'Cash cannot be handed over to yourself: choose the payer who receives it.',
    'bad-count': 'The notes counted by denomination do not add up to the total.',
    'close-reason-missing': 'The counted cash differs from the balance: give the reason for the difference.',
  } satisfies Record<OpResultCode, string>,
  pushStatuses: {
    applied: 'Recorded',
    duplicate: 'Already sent',
    conflict: "Needs a supervisor's review",
    rejected: 'Needs attention',
  } satisfies Record<PushStatus, string>,
  requestErrors: {
    'invalid-json': 'The data sent is not valid JSON.',
    'invalid-body': 'The data sent is not in the right format.',
    'invalid-query': 'The request parameters are invalid.',
    'invalid-cursor': 'The sync position is invalid. Sync again from the beginning.',
    'not-signed-in': 'You are not signed in, or your session has ended.',
    'token-expired': 'Your session has expired. Please sign in again.',
    'invalid-credentials': 'Wrong username or password.',
    'device-revoked': 'Access for this device has been revoked.',
    'device-retired':
      'This device has been retired. The data on it will be erased once all its actions have been sent.',
    forbidden: 'You are not allowed to do this.',
    'not-found': 'The requested address was not found.',
    'protocol-mismatch': 'This version of the app does not match the server. Please update the app.',
    'payload-too-large': 'The data sent is too large.',
    'invalid-blob-hash': 'The file code (SHA-256) is invalid.',
    'blob-hash-mismatch':
      "The file's content does not match the SHA-256 code sent. The file may have been damaged on the way; send it again.",
    'blob-type-not-allowed': 'Only PNG, JPEG or WebP images are accepted.',
    'blob-quota-exceeded': 'Too many images are waiting for their records. They will be sent after the records.',
    'too-many-attempts': 'Too many failed sign-ins: wait a moment and try again (each failure makes the wait longer).',
    'not-a-spreadsheet': 'The file is not a spreadsheet. Upload an .xlsx, .xls or .csv file.',
    'file-encrypted': 'The file is password-protected. Remove the password in Excel and upload it again.',
    'file-corrupted': 'The file is damaged and cannot be read. Open it in Excel, save it and upload it again.',
    'sheet-too-big': 'The spreadsheet is too large (too many rows or cells). Split the list into several files.',
    'sheet-timeout': 'Reading the spreadsheet took too long. Remove unneeded sheets and formulas and try again.',
    'sheet-empty': 'The spreadsheet has no data.',
    'no-header-row':
      'No header row was found (the list needs columns such as “Họ và tên”, “Ngày sinh”, “Mức trợ cấp”).',
    'period-approved':
      "This month's list for the commune is approved and cannot change. Prepare a new adjustment list.",
    'own-list': 'Nobody may approve a list they prepared.',
    'list-step-out-of-order': 'The list is not at a step that allows this (not yet submitted, or already approved).',
    'period-closed': "The commune's month is closed and can no longer change.",
    'close-decisions-invalid':
      'Every unpaid line needs a decision: carry it into next month, or end it with a reason ("Other" needs a note).',
    'carry-target-settled':
      "Next month's line of this person is already paid, so nothing can be added to it. End the line with a reason and put the arrears on a later list.",
    'match-undecided':
      'Someone matches last month only by name, birth year and village: say whether it is the same person before submitting.',
    'field-outcome-undecided':
      'The field recorded someone on the list as dead, moved away or not collecting for three months: hold them back, or dismiss it with a reason, before submitting.',
    'correction-needs-published':
      "A correction list can only follow a published month's list; before that, upload the month's list again.",
    'correction-line-settled':
      'Someone on the correction list has been paid this month: a paid line cannot change. Put the difference on next month’s list.',
    'decrease-reason-missing': 'Every person who leaves the list needs a reason before it is submitted.',
    'invalid-mapping':
      'The column mapping is not valid: each column may hold one field, and it must exist in the file.',
    'invalid-provider':
      'The provider is not valid: the file template lacks the account or amount column, has a column twice, has an unknown placeholder, or its code is taken.',
    'batch-empty':
      'There is no payment line to send through this provider this month (list not published, already paid, or in another batch).',
    'own-batch': 'Nobody may approve a transfer batch they prepared.',
    'batch-step-out-of-order':
      'The transfer batch is not at a step that allows this (not approved yet, results already in, or closed).',
    'batch-lines-changed':
      'A line of this batch was paid, withdrawn or sent in another batch after it was prepared. Cancel this batch and prepare it again.',
    'batch-not-balanced':
      'The batch does not balance yet: lines are still waiting for results. Close it only when sent = paid + failed, to the đồng.',
    'result-mapping-needed':
      "This provider's result file cannot be read yet: choose the reference (or account), amount and status columns.",
    'results-other-batch':
      'This result file belongs to another transfer batch: no row matches this batch. Nothing was recorded.',
    'results-match-nothing':
      'No row of the result file matches this batch (by reference, or account and amount). Nothing was recorded.',
    'reroute-invalid': 'Only a failed transfer of this batch that has no decision yet can be moved to cash.',
    'transfers-waiting':
      'Some lines were sent to a provider and are waiting for results: import the results (or cancel the batch) before closing the month.',
    'device-active': 'This device is still in use: retire (or revoke) it before importing its file of actions.',
    'device-in-use': 'This device id belongs to another user. Sign in again so the app makes a new device id for you.',
    'lease-days-invalid': 'The days of offline work must be a whole number from 1 to 90.',
    'invalid-schedule':
      "The payment points are not valid: each needs a name, days in the month being paid, hours between 06:00 and 20:00, the commune's villages (one point per village) and the commune's payers.",
    'invalid-about':
      'The "about the pilot" text is not valid: it needs all four parts (what changes, opening an account, fees, where to ask), each at most 2,000 characters.',
    'device-key-invalid': 'The device’s receipt-signing key is not valid.',
    'device-key-set': 'This device registered another receipt-signing key already; a key is registered once.',
    'password-change-required': 'Set a new password before using the app.',
    'wrong-password': 'The current password is wrong.',
    'password-too-weak':
      'The new password needs at least 10 characters, and must differ from the username, the current password and the demo password.',
    'username-taken': 'This username is already taken.',
    'invalid-scope':
      'Invalid scope: choose communes the server knows, a former district or the whole province; every role but admin needs at least one commune.',
    'last-admin': 'The last active administrator cannot be disabled or given another role.',
    'own-account': 'You cannot disable, reset or change the role of your own account here.',
    internal: 'The server hit an error. The data on this device is safe; please try again later.',
  } satisfies Record<RequestErrorCode, string>,
  transportErrors: {
    network: 'Could not reach the server. Check the connection, then try again.',
    'bad-response': 'The server answered in the wrong format.',
    unexpected: 'Something went wrong. Please try again.',
    'practice-unavailable': 'Practice mode has no such function: it needs the real server.',
  },
};
