/** English text of the pay page: receiver, card check, evidence, outcome (part of messages.en.ts). */
import type { IdCheckSkipReason } from '../domain/vocabulary';

export const payMessages = {
  pay: {
    notFound: 'This payment line was not found on this device.',
    closed: 'Month closed',
    closedCarried: (period: string) =>
      `The month is closed: this line's money was carried into ${period.slice(5, 7)}/${period.slice(0, 4)} (arrears). Do not pay on this line.`,
    closedEnded: (reason: string) => `The month is closed: this line ended (${reason}). Do not pay on this line.`,
    notOpen: 'This payment line is no longer waiting for payment.',
    receiver: 'Recipient',
    receiverName: "Recipient's full name",
    receiverId: "Recipient's citizen ID number",
    receiverRequired:
      'Enter the full name and citizen ID card number (12 digits) or old ID card number (9 digits) of the person receiving on their behalf.',
    signature: "Recipient's signature or fingerprint",
    signatureLabel: 'Signature box',
    clearSignature: 'Sign again',
    confirm: 'Confirm payment',
    unpaidTitle: 'Could not pay',
    reason: 'Reason',
    note: 'Note',
    recordUnpaid: 'Record as not paid',
    unpaidSaved: 'Visit recorded: payment could not be made.',
    revisitOn: 'Visit again on',
    revisitHint: 'Leave empty for no revisit. The person will be under “Visit again” on your round.',
    revisitPast: 'The revisit cannot be before today.',
    unpaidSavedRevisit: (date: string) => `Visit recorded: payment could not be made; visit again on ${date}.`,
    storageError: 'Could not save on this device (storage may be full). Nothing has been recorded.',
    checkTitle: "Check the recipient's card",
    checkHint: 'Scan the QR code on the citizen ID card, or type the card number, or record why no check was possible.',
    typedId: 'ID number on the card',
    checkTyped: 'Compare the number',
    typedIdInvalid: 'Enter the citizen ID number (12 digits) or old ID number (9 digits) exactly as on the card.',
    registered: (name: string, id: string | null) =>
      id ? `Registered: ${name}, card number ending ${id.slice(-4)}` : `Registered: ${name} (no card number)`,
    nobodyRegistered:
      'No representative of this kind is registered: see the authorisation or guardianship paper before paying.',
    skipTitle: 'Card could not be checked',
    skip: 'Record the reason and continue',
    skipReasons: {
      'no-card': 'Card not brought or not held',
      'card-damaged': 'Card damaged, QR code unreadable',
      'no-qr': 'Only the old ID card, or a card without a QR code',
      'camera-unavailable': 'Camera not working',
      other: 'Other reason',
    } satisfies Record<IdCheckSkipReason, string>,
    skipped: (reason: string) => `Card not checked: ${reason}.`,
    recheck: 'Check again',
    checkedBy: { qr: 'QR code scanned', manual: 'Typed card number compared' },
    blocked: {
      'no-check': "Check the recipient's card (or record why that was not possible) before paying.",
      'card-mismatch':
        'The card does not match the registered recipient: do not pay. Check again, or record "not paid" with the reason "wrong person".',
    },
    photo: 'Photo of the recipient (optional)',
    photoTaken: 'Photo taken',
    removePhoto: 'Remove photo',
    photoError: 'This photo could not be read. Take it again.',
    alreadyPaidHere: 'This line has already been recorded as paid on this device.',
    notAllowed: 'This account does not record payments (commune officers, payers and supervisors do).',
  },
};
