/** English text of verifiable receipts (issue 16): check code and QR, the verify screen, the flags. */
import type { ReceiptsMessages } from './messages';

export const receiptsMessages: ReceiptsMessages = {
  receiptCheck: {
    nav: 'Verify a receipt',
    title: 'Verify a receipt',
    intro:
      'Scan the QR code on a receipt (or paste its text) to see whether the paying device made it, for whom, for how much and on which day. No network needed.',
    shortCode: 'Check code',
    qrAlt: 'QR code to verify the receipt',
    qrText: 'Text of the QR code',
    number: (n) => `Receipt number ${String(n)} of this device`,
    unsigned: 'This device has no receipt-signing key yet: this receipt has no QR code to verify.',
    valid: 'Valid receipt',
    validIntro: 'The signature is right: the device below made this receipt and it was not changed.',
    device: 'Made by',
    thisDevice: 'This device',
    deviceOf: (device, user) => `${device} (${user})`,
    person: 'Beneficiary',
    personUnknown: (id) => `Not in the list on this device (id ${id})`,
    amount: 'Amount',
    date: 'Payment date',
    receiver: 'Received by',
    receiptNumber: 'Receipt number',
    problems: {
      'not-a-receipt': 'This is not a receipt QR code of the Chi trả TGXH app (it may come from another system).',
      altered:
        'The receipt is NOT valid: its content was changed or the signature is wrong. Do not accept it; tell the commune officer.',
      'unknown-device':
        'The device that made this receipt is not known here. Sync when online to download the keys of the commune’s devices, then check again.',
    },
    keysCount: (n) => `This device holds the keys of ${String(n)} devices of the commune.`,
    noKeys: 'No device keys downloaded yet. Sync when online.',
    again: 'Verify another receipt',
  },
  receiptFlags: {
    title: 'Irregular receipts',
    intro:
      'When devices send their work, the server checks each device’s receipt signatures and order. The payments are recorded all the same.',
    none: 'No irregular receipts.',
    device: 'Device',
    number: 'Receipt number',
    line: 'Payment line',
    problem: 'Problem',
    detectedAt: 'Found at',
    codes: {
      'bad-signature': 'Signature does not match the payment',
      'no-device-key': 'Device registered no signing key',
      gap: 'An earlier receipt is missing',
      'repeated-number': 'Receipt number used twice',
      'broken-link': 'Not linked to the previous receipt',
    },
    expected: (n) => `expected number ${String(n)}`,
  },
};
