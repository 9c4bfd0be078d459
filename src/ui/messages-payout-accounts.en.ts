/**
 * English text of the opened-accounts review. Shaped like the Vietnamese catalogue
 * (`PayoutAccountsMessages`, messages.ts).
 */
import type { PayoutAccountsMessages } from './messages';

export const payoutAccountsMessages: PayoutAccountsMessages = {
  openedAccounts: {
    title: 'Import the list of opened accounts',
    intro:
      "The bank's or wallet provider's file of the accounts opened for the dossiers sent. Each row is matched to the commune's people by ID card number; nothing changes until you record it.",
    online: 'This screen needs a network connection: the file is read and matched on the server.',
    notAllowed: 'Only supervisors import lists of opened accounts.',
    commune: 'Commune',
    provider: 'Bank / wallet provider',
    noProviders: 'No bank or wallet provider is in use yet.',
    loadingProviders: 'Loading providers…',
    loadFailed: 'The providers could not be loaded.',
    retry: 'Try again',
    file: 'Opened-accounts file (.xlsx, .xls, .csv)',
    read: 'Read and match the file',
    reading: 'Reading and matching the file…',
    headerNotFound:
      'No header row with ID number, full name and account number columns was found in the first 20 rows of the file. Check the column headers and upload it again.',
    summary: (fileName: string, headerRow: number) => `File ${fileName} (header row: row ${headerRow})`,
    counts: 'Matching results',
    outcomes: {
      match: 'Matches',
      'name-differs': 'Name differs',
      'not-found': 'Not found',
      'several-people': 'Several people, one number',
      'duplicate-row': 'Repeated in the file',
      'account-invalid': 'Account malformed',
      'already-set': 'Already recorded',
    },
    outcomeMessages: {
      match: 'ID number and name match: the opened account will be recorded.',
      'name-differs':
        "The ID number matches but the name differs from the commune's list: recorded only when a supervisor confirms it is the person.",
      'not-found': 'Nobody in the commune has this ID number: not recorded.',
      'several-people': 'Several people of the commune have this ID number: fix the roster first; not recorded.',
      'duplicate-row': 'This ID number is on several rows of the file: not recorded; check with the provider.',
      'account-invalid': "The account (or wallet) number does not fit the provider's rule: not recorded.",
      'already-set': 'The person already has exactly this account, opened: nothing to record.',
    },
    cols: {
      row: 'Row',
      nameInFile: 'Name in the file',
      nameInRoster: "Name in the commune's list",
      idNumber: 'ID number',
      account: 'Account number',
      current: 'Account on record',
      outcome: 'Result',
      accept: 'Same person',
    },
    acceptLabel: (row: number, name: string) => `Confirm it is the same person: row ${row}, ${name}`,
    none: '—',
    willApply: (count: number) =>
      `${count} opened accounts will be recorded (matching rows and rows confirmed as the person).`,
    apply: 'Record the opened accounts',
    applying: 'Recording…',
    applied: (count: number) => `${count} opened accounts recorded. The commune's tablets get them when they sync.`,
    appliedMark: 'Recorded',
    another: 'Read another file',
  },
};
