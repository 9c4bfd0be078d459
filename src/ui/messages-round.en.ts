/** English text of the payer's round (issue 16): assigning lines and the payer's own list. */
import type { RoundMessages } from './messages';

const month = (period: string) => period.split('-').reverse().join('/');

export const roundMessages: RoundMessages = {
  round: {
    nav: 'My round',
    title: (period) => `My round – ${month(period)}`,
    none: 'Nobody is assigned to you this month. The commune officer assigns work under “Assignments”.',
    summary: (toVisit, revisits, paid) =>
      `To visit: ${String(toVisit)} · Visit again: ${String(revisits)} · Paid: ${String(paid)}`,
    toPay: (amount) => `Still to pay: ${amount}`,
    villageSummary: (toVisit, revisits, amount) =>
      `${String(toVisit)} to visit, ${String(revisits)} to visit again · ${amount} left`,
    up: (village) => `Move ${village} earlier`,
    down: (village) => `Move ${village} later`,
    revisit: 'Visit again',
    revisitOn: (date) => `Visit again on ${date}`,
    revisitDue: 'Due',
    lastVisit: (reason) => `Last time: ${reason}`,
    print: 'Print today’s round',
    printTitle: (date) => `HOME PAYMENTS OF ${date}`,
    printPayer: (name) => `Payer: ${name}`,
    printMonth: (period) => `Social assistance of ${month(period)}`,
    cols: { note: 'Note', address: 'Address' },
    printTotal: (n) => `Total (${String(n)} people)`,
    printPayerSign: 'PAYER',
    printOfficerSign: 'COMMUNE OFFICER',
  },
  assign: {
    nav: 'Assignments',
    title: (period) => `Assign payers – ${month(period)}`,
    intro:
      'Give people paid in cash to a payer: a whole village at once, or person by person. Move a person to another payer by selecting and assigning again. Someone already paid is not reassigned.',
    payer: 'Assign to',
    choosePayer: '— Choose a payer —',
    noPayers: 'This device has no list of payers yet. Connect once to download it.',
    payersAt: (time) => `List of payers updated at ${time}.`,
    payersStale: 'Could not download a newer list of payers: using the one saved on this device.',
    villageCount: (total, unassigned) => `${String(total)} people · ${String(unassigned)} unassigned`,
    assignVillage: (village) => `Assign all of ${village}`,
    select: (name) => `Select ${name}`,
    assignSelected: (n) => `Assign ${String(n)} selected`,
    unassignSelected: (n) => `Unassign ${String(n)} selected`,
    chooseFirst: 'Choose a payer before assigning.',
    nothingSelected: 'Nobody is selected.',
    nobody: 'Unassigned',
    assignedTo: (name) => `Assigned: ${name}`,
    working: (done, total) => `Recording ${String(done)}/${String(total)}…`,
    done: (n, name) => `Assigned ${String(n)} people to ${name} on this device; sent at the next sync.`,
    undone: (n) => `Unassigned ${String(n)} people on this device; sent at the next sync.`,
    skipped: (n) => `${String(n)} people could not be assigned (already paid, or paid into an account).`,
    showPeople: (n) => `Show each person (${String(n)})`,
    hidePeople: 'Hide the people',
    payerCount: (name, n) => `${name}: ${String(n)}`,
    progress: {
      title: 'Payers’ progress this month',
      payer: 'Payer',
      lines: 'Assigned',
      paid: 'Paid',
      toVisit: 'To visit',
      revisits: 'Visit again',
      paidAmount: 'Paid (đồng)',
      toPay: 'Still to pay (đồng)',
    },
    refusals: {
      'line-settled': 'Paid or cancelled: not reassigned',
      'not-cash-line': 'Paid into an account',
    },
  },
};
