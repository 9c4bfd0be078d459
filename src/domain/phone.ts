/**
 * Vietnamese phone numbers (docs/domain.md §7.2): normalise what people and Excel files type, say
 * whether it is a mobile number, hint the carrier. Unusual numbers get warnings, never a hard
 * rejection: a beneficiary's real number must stay usable even when our tables lag behind.
 */

export const carriers = ['viettel', 'vinaphone', 'mobifone', 'vietnamobile', 'gmobile', 'itel', 'reddi'] as const;
export type Carrier = (typeof carriers)[number];

/**
 * Original prefix blocks per carrier (public lists, docs/domain.md §7.2 [MED]). Since number
 * portability (2019) a number may have moved: this is a hint, not a fact.
 */
const carrierPrefixes: Record<Carrier, readonly string[]> = {
  viettel: ['032', '033', '034', '035', '036', '037', '038', '039', '086', '096', '097', '098'],
  vinaphone: ['081', '082', '083', '084', '085', '088', '091', '094'],
  mobifone: ['070', '076', '077', '078', '079', '089', '090', '093'],
  vietnamobile: ['052', '056', '058', '092'],
  gmobile: ['059', '099'],
  itel: ['087'],
  reddi: ['055'],
};

/**
 * 11-digit mobile prefixes renumbered to 10 digits in 2018 (MIC plan; old numbers stopped
 * working after the transition). Used to suggest the new number, never to rewrite silently.
 */
const renumbered2018: Record<string, string> = {
  '0120': '070',
  '0121': '079',
  '0122': '077',
  '0126': '076',
  '0128': '078',
  '0123': '083',
  '0124': '084',
  '0125': '085',
  '0127': '081',
  '0129': '082',
  '0162': '032',
  '0163': '033',
  '0164': '034',
  '0165': '035',
  '0166': '036',
  '0167': '037',
  '0168': '038',
  '0169': '039',
  '0186': '056',
  '0188': '058',
  '0199': '059',
};

/** libphonenumber's VN mobile pattern (2023) on the 9 digits after the 0 (docs/domain.md §7.2). */
const LIBPHONENUMBER_MOBILE =
  /^(?:(?:3\d|7[06-9])\d|5(?:2[238]|[689]\d)|8(?:[1-58]\d|6[5689]|9[689])|9(?:[0-8]\d|9[013-9]))\d{6}$/u;

export type PhoneIssueCode =
  | 'empty'
  | 'not-a-number'
  | 'wrong-length'
  | 'unknown-prefix'
  | 'old-mobile-prefix'
  | 'leading-zero-restored'
  | 'unlisted-mobile-block'
  | 'landline';

export type PhoneIssue = { code: PhoneIssueCode; severity: 'error' | 'warning' };

export type PhoneCheck = {
  /** National form `0xxxxxxxxx` when the input could be read as a number, else null. */
  national: string | null;
  /** E.164 form `+84xxxxxxxxx`, same condition. */
  international: string | null;
  kind: 'mobile' | 'landline' | 'unknown';
  carrierHint: Carrier | null;
  /** The post-2018 number for an old 11-digit mobile number, to confirm with the person. */
  suggestion: string | null;
  issues: PhoneIssue[];
};

/** The carrier that originally held the number's prefix block, if any. */
export function carrierHint(national: string): Carrier | null {
  const prefix = national.slice(0, 3);
  for (const carrier of carriers) {
    if (carrierPrefixes[carrier].includes(prefix)) return carrier;
  }
  return null;
}

/** Digits in national form, from "+84 91 200 0111", "0084…", "84912000111", "091.200.0111". */
function toNational(raw: string): { digits: string; restoredZero: boolean } {
  let text = raw.normalize('NFKC').replace(/[\s.\-()/]/gu, '');
  if (text.startsWith('+84')) text = `0${text.slice(3)}`;
  else if (text.startsWith('0084')) text = `0${text.slice(4)}`;
  else if (/^84\d{9,10}$/u.test(text)) text = `0${text.slice(2)}`;
  // Spreadsheets store phone numbers as numbers and drop the leading zero.
  if (/^[1-9]\d{8,9}$/u.test(text)) return { digits: `0${text}`, restoredZero: true };
  return { digits: text, restoredZero: false };
}

function result(
  national: string | null,
  kind: PhoneCheck['kind'],
  issues: PhoneIssue[],
  suggestion: string | null = null,
): PhoneCheck {
  return {
    national,
    international: national ? `+84${national.slice(1)}` : null,
    kind,
    carrierHint: national && kind === 'mobile' ? carrierHint(national) : null,
    suggestion,
    issues,
  };
}

/** Reads and checks a phone number as typed. Errors mean it cannot be dialled as written. */
export function checkPhone(raw: string): PhoneCheck {
  if (raw.trim() === '') return result(null, 'unknown', [{ code: 'empty', severity: 'error' }]);
  const { digits, restoredZero } = toNational(raw);
  if (!/^\d+$/u.test(digits)) return result(null, 'unknown', [{ code: 'not-a-number', severity: 'error' }]);
  const issues: PhoneIssue[] = restoredZero ? [{ code: 'leading-zero-restored', severity: 'warning' }] : [];

  const oldPrefix = renumbered2018[digits.slice(0, 4)];
  if (digits.length === 11 && oldPrefix) {
    const suggestion = `${oldPrefix}${digits.slice(4)}`;
    return result(digits, 'unknown', [...issues, { code: 'old-mobile-prefix', severity: 'error' }], suggestion);
  }
  if (digits.length === 11 && digits.startsWith('02')) {
    // Landlines (Huế: 0234 …) take no SMS and no mobile-money wallet.
    return result(digits, 'landline', [...issues, { code: 'landline', severity: 'warning' }]);
  }
  if (digits.length !== 10 || !digits.startsWith('0')) {
    return result(null, 'unknown', [...issues, { code: 'wrong-length', severity: 'error' }]);
  }
  if (digits.startsWith('01')) {
    // A 10-digit 01x number is an old 11-digit-era prefix with a digit missing: not dialable.
    return result(digits, 'unknown', [...issues, { code: 'old-mobile-prefix', severity: 'error' }]);
  }
  if (!/^0[35789]/u.test(digits)) {
    return result(digits, 'unknown', [...issues, { code: 'unknown-prefix', severity: 'error' }]);
  }
  // Blocks newer than libphonenumber's data (e.g. 055, parts of 086) are real: warn only.
  if (!LIBPHONENUMBER_MOBILE.test(digits.slice(1))) issues.push({ code: 'unlisted-mobile-block', severity: 'warning' });
  return result(digits, 'mobile', issues);
}

/** The national form of a number that has no error, else null: what forms store. */
export function normalizePhone(raw: string): string | null {
  const check = checkPhone(raw);
  return check.issues.some((issue) => issue.severity === 'error') ? null : check.national;
}
