/**
 * Which lines of a commune's month a provider pays, and the checks before its batch file is made
 * (issue 12): a line goes to the provider whose names match the bank or wallet recorded for the
 * person; it is held back, with why, when its account number is missing or does not fit the
 * provider's rule, when the account holder is neither the person nor their representative (names
 * folded without diacritics), when its amount is not above 0, or when it is in another batch.
 */
import { accountFits, holderMatches, type AccountRule, type BatchLine } from './batch-template';
import type { PaymentLineStatus, PaymentMethod } from './vocabulary';
import { foldVietnamese } from './vietnamese-text';

export type ProviderScope = {
  /** The line method the provider pays: `bank` (banks, the post office) or `mobile-money`. */
  method: 'bank' | 'mobile-money';
  /** Names officers record for it (bank name or wallet provider). */
  aliases: readonly string[];
  account: AccountRule;
};

export type CandidateLine = {
  lineId: string;
  beneficiaryId: string;
  status: PaymentLineStatus;
  method: PaymentMethod;
  amount: number;
  /** A failed transfer a supervisor already rerouted (to cash, or to next month). */
  isRerouted: boolean;
  /** Sent in another batch that is not cancelled and has no failure for it. */
  inOtherBatch: boolean;
  person: {
    fullName: string;
    code: string | null;
    idNumber: string | null;
    phone: string | null;
    bankName: string | null;
    walletProvider: string | null;
    accountNumber: string | null;
    walletPhone: string | null;
    accountHolder: string | null;
    representativeName: string | null;
  };
};

export const holdCodes = [
  'account-missing',
  'account-invalid',
  'holder-differs',
  'amount-not-positive',
  'in-other-batch',
] as const;
export type HoldCode = (typeof holdCodes)[number];

export type PreparedLine = BatchLine & { lineId: string; beneficiaryId: string };
export type HeldLine = { lineId: string; beneficiaryId: string; fullName: string; code: HoldCode };

/** Whether a recorded bank or wallet name is one of the provider's (folded, as a whole word run). */
export function isProvidersName(aliases: readonly string[], recorded: string | null): boolean {
  if (recorded === null) return false;
  const name = ` ${foldVietnamese(recorded)} `;
  return aliases.some((a) => {
    const alias = foldVietnamese(a);
    return alias !== '' && name.includes(` ${alias} `);
  });
}

/** The provider's lines of the month, each sent or held back; `reference` names the batch. */
export function prepareBatch(
  provider: ProviderScope,
  reference: string,
  candidates: readonly CandidateLine[],
): { lines: PreparedLine[]; heldBack: HeldLine[] } {
  const lines: PreparedLine[] = [];
  const heldBack: HeldLine[] = [];
  for (const c of candidates) {
    if (c.method !== provider.method || c.isRerouted) continue;
    if (c.status !== 'due' && c.status !== 'failed') continue;
    const p = c.person;
    const recorded = provider.method === 'bank' ? p.bankName : p.walletProvider;
    if (!isProvidersName(provider.aliases, recorded)) continue;
    const account = provider.method === 'bank' ? p.accountNumber : (p.walletPhone ?? p.accountNumber);
    const holderName = p.accountHolder ?? p.fullName;
    const names = p.representativeName === null ? [p.fullName] : [p.fullName, p.representativeName];
    const hold = (code: HoldCode) =>
      heldBack.push({ lineId: c.lineId, beneficiaryId: c.beneficiaryId, fullName: p.fullName, code });
    if (c.inOtherBatch) hold('in-other-batch');
    else if (!(c.amount > 0)) hold('amount-not-positive');
    else if (account === null || account.trim() === '') hold('account-missing');
    else if (!accountFits(provider.account, account)) hold('account-invalid');
    else if (!holderMatches(holderName, names)) hold('holder-differs');
    else
      lines.push({
        lineId: c.lineId,
        beneficiaryId: c.beneficiaryId,
        accountNumber: account.replace(/[\s.]/g, ''),
        holderName,
        idNumber: p.idNumber,
        phone: p.phone,
        amount: c.amount,
        reference: `${reference}-${String(lines.length + 1).padStart(5, '0')}`,
        beneficiaryName: p.fullName,
        code: p.code,
      });
  }
  return { lines, heldBack };
}
