/**
 * The app's long-lived services (database, transport, sync engine), given to screens by context.
 * ui may depend on storage and sync types only (docs/style.md §2.3): what its hooks need from them at
 * run time (key/value reads, the stored session) is passed in here by app/create-services.ts.
 */
import { createContext, useContext, type ReactNode } from 'react';
import type { Clock } from '../lib/clock';
import type { AppDb } from '../storage/app-db';
import type { KvKey } from '../storage/kv';
import type { Recorder } from '../storage/outbox';
import type { OutboxCounts } from '../storage/outbox-counts';
import type { Session } from '../sync/session';
import type { SyncEngine } from '../sync/sync-engine';
import type { Transport } from '../sync/transport';

/** The key/value table of `db` (storage/kv.ts). */
export type KvStore = {
  get: <T>(key: KvKey) => Promise<T | undefined>;
  set: (key: KvKey, value: unknown) => Promise<void>;
};

export type Services = {
  db: AppDb;
  transport: Transport;
  engine: SyncEngine;
  clock: Clock;
  makeId: () => string;
  kv: KvStore;
  /** This device's unsent ops and ops needing attention (storage/outbox-counts.ts), for live queries. */
  outboxCounts: () => Promise<OutboxCounts>;
  /** Records an op on `db` (storage/outbox.ts `createRecorder`); screens use `useRecordOp`. */
  recorder: Recorder;
  /** The signed-in session stored in `db` (sync/session.ts), undefined when signed out. */
  loadSession: () => Promise<Session | undefined>;
  /** Real use or practice (app/practice-mode.ts): each starts the app afresh with its own data. */
  mode?: {
    practice: boolean;
    switchTo: (mode: 'practice' | 'real') => void;
    resetPractice: () => Promise<void>;
    /** The practice commune's cards, to print (empty in real use). */
    practiceCards: readonly {
      beneficiaryId: string;
      holder: 'beneficiary' | 'representative';
      fullName: string;
      birthDate: string;
      village: string;
      qr: string;
    }[];
  };
};

const ServicesContext = createContext<Services | null>(null);

export function ServicesProvider({ services, children }: { services: Services; children: ReactNode }) {
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}

export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices outside ServicesProvider');
  return services;
}
