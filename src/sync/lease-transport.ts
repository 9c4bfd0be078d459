/** The admins' offline-lease calls (docs/protocol.md "Offline lease"): every commune's, and setting one. */
import { PROTOCOL_VERSION } from '../protocol/common';
import { leaseResponseSchema, leasesResponseSchema, type LeaseResponse, type LeasesResponse } from '../protocol/leases';
import type { HttpClient } from './http-client';

export type LeaseTransport = {
  /** Every commune in the admin's scope with its lease, who set it and when. */
  listLeases(token: string): Promise<LeasesResponse>;
  /** Sets a commune's lease in days (1–90); a refusal carries the server's code. */
  setLease(token: string, commune: string, days: number): Promise<LeaseResponse>;
};

export function leaseMethods(http: HttpClient): LeaseTransport {
  return {
    listLeases: (token) => http.call('/api/communes/leases', leasesResponseSchema, { method: 'GET', token }),
    setLease: (token, commune, days) =>
      http.call(`/api/communes/${encodeURIComponent(commune)}/lease`, leaseResponseSchema, {
        method: 'PUT',
        token,
        body: { protocol: PROTOCOL_VERSION, days },
      }),
  };
}
