/** English text of the device lock (messages-lock.vi.ts is the reference). */
import type { LockMessages } from './messages';

export const lockMessages: LockMessages = {
  pinLock: {
    lockNow: 'Lock',
    setupTitle: 'Set a PIN for this device',
    setupIntro:
      'Beneficiary data on this device (the list, signatures, ID numbers) is encrypted. Whenever the app opens, or after a while unused, it locks: enter the PIN to open it.',
    password: 'Your password',
    passwordHint: 'Your sign-in password, to open the device again if the PIN is forgotten (needs a connection).',
    pin: 'PIN (6 digits)',
    newPin: 'New PIN (6 digits)',
    repeatPin: 'Repeat the PIN',
    save: 'Save PIN',
    saving: 'Encrypting the data on this device…',
    signOut: 'Sign out',
    problems: {
      'pin-format': 'The PIN is exactly 6 digits.',
      'pin-too-simple': 'That PIN is too easy to guess (like 111111 or 123456). Choose another.',
      mismatch: 'The two PINs are not the same.',
      'password-required': 'Enter your password.',
    },
    lockedTitle: 'Device locked',
    lockedIntro: 'The data on this device is encrypted. Enter the PIN to unlock.',
    unlock: 'Unlock',
    unlocking: 'Unlocking…',
    wrongPin: (left: number) => `Wrong PIN. ${left} tries left, then the password is needed.`,
    forgotPin: 'Forgot the PIN? Unlock with the password',
    backToPin: 'Enter the PIN',
    passwordTitle: 'Unlock with the password',
    passwordIntro:
      'Too many wrong PINs (or a forgotten PIN). Enter your sign-in password and choose a new PIN. A connection is needed: the server checks the password first.',
    passwordUnlock: 'Check the password and unlock',
    wrongLocalPassword:
      'The server accepted the password, but it does not open the data on this device (was the password changed after the PIN was set?). Enter the password you had when you set the PIN.',
    needsConnection: 'Cannot reach the server. Unlocking with the password needs a connection.',
    idleTitle: 'Automatic lock',
    idleLabel: 'Lock the device after it is unused for',
    idleMinutes: (n: number) => `${n} min`,
  },
};
