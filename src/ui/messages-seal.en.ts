/** English text of the sealed export. Shaped like the Vietnamese catalogue (`SealMessages`, messages.ts). */
import type { SealMessages } from './messages';

export const sealMessages: SealMessages = {
  sealedExport: {
    intro:
      'The unsent operations (with signatures and photos) are saved in a file encrypted with a password you choose. Give the file to a supervisor and tell them the password separately, never with the file. Without the password nobody can read it.',
    downloaded: (fileName: string, ops: number) =>
      `Downloaded the encrypted file "${fileName}" (${ops} operations). Nothing on this device was erased.`,
    nothing: 'Nothing is left unsent: no file is needed.',
  },
  sealedSignOut: {
    offer: 'Export an encrypted file, then sign out',
    title: 'Export an encrypted file, then sign out',
    intro:
      'The actions not sent yet (with their signatures and photos) go into a file encrypted with a password you choose. Once you confirm the file is saved, all data on this device is erased.',
    warning:
      'Without the password nobody can read the file, neither you nor a supervisor, and the password cannot be recovered: remember it. Give the file to a supervisor and tell them the password separately, never with the file. The actions reach the server only when a supervisor imports the file on the "Devices" screen.',
    password: 'Password for the file',
    repeat: 'Type the password again',
    hint: (min: number) => `At least ${min} characters.`,
    tooShort: (min: number) => `The password needs at least ${min} characters.`,
    mismatch: 'The two passwords are not the same.',
    make: 'Make and download the file',
    making: 'Encrypting the file…',
    cancel: 'Cancel',
    downloaded: (fileName: string, ops: number) =>
      `Downloaded "${fileName}" (${ops} actions). Check that the file is in the Downloads folder before erasing the data.`,
    downloadAgain: 'Download the file again',
    confirm: 'File saved: erase the data and sign out',
    changed:
      'A new action was recorded while the file was made (perhaps in another tab). Nothing was erased: export the file again.',
    failed: 'The file could not be made. Nothing was erased: try again.',
    wipeFailed: 'The data on this device could not be erased; nothing was. Try again.',
  },
  sealedImport: {
    hint: 'An encrypted file (exported at sign-out) is imported here too: the app asks for its password and decrypts it on this device.',
    prompt: (fileName: string) => `"${fileName}" is encrypted. Type the password the officer chose when exporting it.`,
    password: 'Password of the file',
    open: 'Decrypt and send to the server',
    opening: 'Decrypting the file…',
    cancel: 'Cancel',
    problems: {
      'not-sealed': 'Wrong file: this is not an encrypted file exported from Chi trả TGXH.',
      'bad-envelope': 'The encrypted file is damaged or malformed. Nothing was sent to the server.',
      'wrong-password': 'Wrong password, or the file was changed. Nothing was sent to the server.',
    },
  },
};
