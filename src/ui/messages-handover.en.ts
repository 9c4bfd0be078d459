/**
 * English text of the card (or wallet details) hand-over on a person's page: the form and the
 * recorded hand-over. Shaped like the Vietnamese catalogue (`HandoverMessages`, messages.ts).
 */
import type { HandoverMessages } from './messages';

export const handoverMessages: HandoverMessages = {
  handover: {
    title: 'Card / wallet details hand-over',
    open: 'Record the card hand-over',
    cancel: 'Cancel',
    intro: 'Record this once the bank card (or the e-wallet details) has been handed to the recipient in person.',
    date: 'Hand-over date',
    handedOverBy: 'Handed over by',
    receiver: 'Card recipient',
    receiverName: "Recipient's full name",
    signature: "Recipient's signature or fingerprint",
    signatureLabel: "Card recipient's signature box: sign with a finger or a stylus",
    clearSignature: 'Sign again',
    guidance:
      'Safety guidance given: never share the PIN/OTP or a password with anyone (even someone claiming to be an official or bank staff), keep the card and phone safe.',
    save: 'Record the hand-over',
    saving: 'Recording…',
    saved: 'Card hand-over recorded on this device; it will be sent to the server when it syncs.',
    errors: {
      date: 'Enter the hand-over date (a real date).',
      dateFuture: 'The hand-over date cannot be after today.',
      handedOverBy: 'Enter the name of the person handing it over.',
      receiverName: "Enter the card recipient's full name.",
      signature: 'The recipient must sign or leave a fingerprint in the signature box.',
      guidance: 'Not recorded: give the recipient the safety guidance and tick "Safety guidance given".',
    },
    recordedTitle: 'Card handed over',
    recordedDate: 'Hand-over date',
    recordedBy: 'Handed over by',
    recordedReceiver: 'Recipient',
    recordedGuidance: 'Safety guidance',
    guidanceGiven: 'Given (never share the PIN/OTP)',
    guidanceNotGiven: 'Not recorded',
    recordedSignature: "Recipient's signature",
    signed: 'Signed on the tablet',
    notSigned: 'None',
    noRecord: 'Card handed over, but this device has no hand-over record (recorded before this section existed).',
  },
};
