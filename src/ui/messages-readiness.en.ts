/** English text of account-opening readiness (part of messages.en.ts); see messages-readiness.vi.ts. */
import type { ReadinessReasonCode, ReadinessStatus } from '../domain/readiness';
import type { AccountStatus } from '../domain/vocabulary';

export const readinessMessages = {
  readiness: {
    title: 'Account opening review',
    more: (n: number) => `${n} more ${n === 1 ? 'person' : 'people'}; use search in Beneficiaries to see each one.`,
    dossierTitle: 'Account opening files',
    dossierIntro: (n: number) =>
      `${n} ${n === 1 ? 'person has' : 'people have'} complete papers to open a bank account or e-wallet.`,
    downloadCsv: 'Download CSV file',
    print: 'Print list',
    provider: 'Bank/Wallet',
    progress: 'Progress',
    statuses: {
      ready: 'Ready to open an account',
      'missing-papers': 'Missing papers',
      'needs-new-id-card': 'Needs a new ID card',
      'not-needed': 'Paid in cash, no account needed',
    } satisfies Record<ReadinessStatus, string>,
    reasons: {
      'method-not-chosen': 'No payment method chosen yet; checked as for a bank account.',
      'id-number-missing': 'No 12-digit ID number yet: ask for it and write down the number on the ID card.',
      'id-number-inconsistent':
        'The ID number does not match the year of birth or the gender: check it against the card again.',
      'only-old-id-card':
        'Only an old ID card (CMND, expired since 01/01/2025): help the person get a citizen ID card.',
      'no-id-card': 'No citizen ID card: help the person apply for one at the commune police.',
      'child-needs-guardian': 'Child under 16: a guardian or the person caring for the child must hold the account.',
      'no-guardianship-paper': 'Missing the guardianship paper (extract of the guardianship registration).',
      'no-authorisation-paper': "Missing a letter of authorisation certified by the commune People's Committee.",
      'authorisation-expired': 'The letter of authorisation has expired: make a new one.',
      'no-phone-for-mobile-money': 'No mobile phone number yet to open a Mobile Money wallet.',
      'phone-invalid': 'The phone number cannot be called as written: check the number.',
      'phone-not-mobile': 'A landline number cannot open a wallet: a mobile number is needed.',
      'phone-unusual': 'Unusual phone number (prefix not on the list): call it to confirm.',
    } satisfies Record<ReadinessReasonCode, string>,
    csvColumns: {
      no: 'No.',
      code: 'Beneficiary code',
      fullName: 'Full name',
      birthDate: 'Date of birth',
      gender: 'Gender',
      idNumber: 'ID number',
      phone: 'Phone',
      village: 'Village',
      communeCode: 'Commune code',
      method: 'Payment method',
      provider: 'Bank/Wallet',
      holder: 'Account holder',
      accountStatus: 'Papers status',
    },
  },
  accountStatuses: {
    none: 'No papers yet',
    'dossier-ready': 'Papers complete',
    submitted: 'Papers submitted',
    opened: 'Account opened',
    'card-handed-over': 'Card handed over and explained',
  } satisfies Record<AccountStatus, string>,
};
