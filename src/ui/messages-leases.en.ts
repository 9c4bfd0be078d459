/**
 * English text of the offline-lease screen. Shaped like the Vietnamese catalogue
 * (`LeasesMessages`, messages.ts).
 */
import type { LeasesMessages } from './messages';

export const leasesMessages: LeasesMessages = {
  leases: {
    nav: 'Offline lease',
    title: 'Offline work lease',
    intro:
      "A commune's tablets may work without a network for this many days since they last reached the server. Past it, a tablet locks until it syncs again; its unsent actions are kept and go when it connects. A tablet serving several communes gets the shortest of theirs.",
    defaultIs: (days: number) => `A commune without a lease of its own gets the default of ${days} days.`,
    online: 'This screen needs a network connection: leases are read and saved on the server.',
    loading: "Loading the communes' leases…",
    retry: 'Try again',
    none: 'The server has no commune yet.',
    cols: { commune: 'Commune', days: 'Days (1–90)', setBy: 'Set by, at', save: 'Save' },
    daysLabel: (commune: string) => `Days of offline work for ${commune}`,
    save: 'Save',
    saveLabel: (commune: string) => `Save the lease of ${commune}`,
    notSet: 'Default (not set)',
    setBy: (who: string, when: string) => `${who}, ${when}`,
    invalid: 'The number of days must be a whole number from 1 to 90.',
    saved: (commune: string, days: number) => `Saved: ${commune} may work offline for ${days} days.`,
  },
};
