/**
 * English text saying that a fact came from a broken tablet's file. Shaped like the Vietnamese
 * catalogue (`ImportedMessages`, messages.ts).
 */
import type { ImportedMessages } from './messages';

export const importedMessages: ImportedMessages = {
  imported: {
    by: (who: string) => `Imported from a file by ${who}`,
    fact: (what: string, who: string) => `${what}: imported from a file by ${who}`,
    kinds: {
      payment: 'Payment',
      visit: 'Visit without payment',
      void: 'Voided payment',
      conflict: 'Action awaiting a supervisor',
    },
  },
};
