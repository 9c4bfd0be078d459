/** The app's long-lived services (database, transport, sync engine), given to screens by context. */
import { createContext, useContext, type ReactNode } from 'react';
import type { Clock } from '../lib/clock';
import type { AppDb } from '../storage/app-db';
import type { SyncEngine } from '../sync/sync-engine';
import type { Transport } from '../sync/transport';

export type Services = {
  db: AppDb;
  transport: Transport;
  engine: SyncEngine;
  clock: Clock;
  makeId: () => string;
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
