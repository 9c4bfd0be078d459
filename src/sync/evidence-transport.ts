/** A payment's evidence for supervisors (docs/protocol.md "Blobs"): the list, and one blob's bytes. */
import { evidenceResponseSchema, type EvidencePayment } from '../protocol/evidence';
import type { HttpClient } from './http-client';

export type EvidenceTransport = {
  lineEvidence(token: string, lineId: string): Promise<EvidencePayment[]>;
  evidenceBlob(token: string, lineId: string, sha256: string): Promise<Blob>;
};

export function evidenceMethods(http: HttpClient): EvidenceTransport {
  const path = (lineId: string) => `/api/lines/${encodeURIComponent(lineId)}/evidence`;
  return {
    lineEvidence: async (token, lineId) =>
      (await http.call(path(lineId), evidenceResponseSchema, { method: 'GET', token })).payments,
    evidenceBlob: async (token, lineId, sha256) => {
      const response = await http.send(`${path(lineId)}/${encodeURIComponent(sha256)}`, {
        method: 'GET',
        headers: { authorization: `Bearer ${token}` },
      });
      if (!response.ok) throw http.failure(response, await response.json().catch(() => null));
      return response.blob();
    },
  };
}
