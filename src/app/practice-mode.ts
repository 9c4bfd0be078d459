/**
 * Practice mode (issue 17): a second app on the same tablet, with its own database
 * (`chitra-practice`), its own practice server inside the app (sync/practice) and nothing shared
 * with real work. The choice is kept in local storage and takes effect on a fresh start of the
 * app, so no service of one mode ever holds the other's data.
 */
import { vietnamDate, vietnamMonth, type Clock } from '../lib/clock';
import { createPracticeServer, type PracticeStore } from '../sync/practice/practice-server';
import { createPracticeTransport } from '../sync/practice/practice-transport';
import type { Transport } from '../sync/transport';
import type { PracticeCard as SampleCard } from '../protocol/sample/practice-commune';

const MODE_KEY = 'chitra-mode';
const SERVER_KEY = 'chitra-practice-server';
export const PRACTICE_DB = 'chitra-practice';
/** The practice commune's seed: every trainee meets the same people. */
const PRACTICE_SEED = 17;

export const isPracticeMode = (): boolean => localStorage.getItem(MODE_KEY) === 'practice';

const store: PracticeStore = {
  load: () => localStorage.getItem(SERVER_KEY),
  save: (text) => localStorage.setItem(SERVER_KEY, text),
};

/** The practice server inside the app, its transport, and its sample's cards (to print). */
export function createPractice(clock: Clock): { transport: Transport; cards: PracticeCard[] } {
  const now = clock.now();
  const server = createPracticeServer(store, {
    seed: PRACTICE_SEED,
    month: vietnamMonth(now),
    today: vietnamDate(now),
  });
  const people = new Map(server.sample.beneficiaries.map((b) => [b.id, b.data]));
  const cards = server.sample.cards.map((c) => ({
    ...c,
    birthDate: cardBirthDate(c.qr),
    village: people.get(c.beneficiaryId)?.village ?? '',
  }));
  return { transport: createPracticeTransport(server, () => clock.now()), cards };
}

/** A practice card as printed: its holder, the birth date the card shows, the QR. */
export type PracticeCard = SampleCard & { birthDate: string; village: string };

/** `ddMMyyyy` of the QR's fourth field, as `dd/MM/yyyy`. */
function cardBirthDate(qr: string): string {
  const field = qr.split('|')[3] ?? '';
  return `${field.slice(0, 2)}/${field.slice(2, 4)}/${field.slice(4)}`;
}

/** Starts the app again in practice mode, or back in real use. */
export function switchMode(practice: boolean): void {
  if (practice) localStorage.setItem(MODE_KEY, 'practice');
  else localStorage.removeItem(MODE_KEY);
  location.assign('/');
}

/** Practice from the start: the practice database and server are emptied, the sample comes back. */
export async function resetPractice(deleteDb: () => Promise<void>): Promise<void> {
  await deleteDb();
  localStorage.removeItem(SERVER_KEY);
  location.assign('/');
}
