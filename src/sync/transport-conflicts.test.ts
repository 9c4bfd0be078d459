import { describe, expect, test } from 'vitest';
import { createHttpTransport, TransportError } from './transport';

const conflict = {
  id: 'c-op-2',
  version: 1,
  code: 'already-paid',
  status: 'open',
  communeCode: '19960',
  communeName: 'Phường Phú Bài',
  subject: { entity: 'payment-line', id: 'line-1' },
  beneficiaryId: 'b-1',
  beneficiaryName: 'Hoàng Thị Sen',
  periodId: '2025-07',
  opId: 'op-2',
  detectedAt: '2025-07-10T03:00:00.000Z',
  fields: [],
  earlier: {
    opId: 'op-1',
    userId: 'u-payer',
    userName: 'Payer',
    deviceId: 'dev-a',
    deviceName: 'Tablet A',
    recordedAt: '2025-07-10T08:15:00+07:00',
    receivedAt: '2025-07-10T02:00:00.000Z',
    kind: 'payment',
    isCurrent: true,
    amount: 500000,
    receiver: { kind: 'self' },
  },
  incoming: {
    opId: 'op-2',
    userId: 'u-officer',
    userName: 'Officer',
    deviceId: 'dev-b',
    deviceName: 'Tablet B',
    recordedAt: '2025-07-10T09:40:00+07:00',
    receivedAt: '2025-07-10T03:00:00.000Z',
    kind: 'payment',
    isCurrent: false,
    amount: 500000,
    receiver: { kind: 'self' },
  },
  resolution: null,
};

function answering(body: unknown, status = 200) {
  const calls: { url: string; init: RequestInit | undefined }[] = [];
  const fetch = (input: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: input instanceof Request ? input.url : input.toString(), init });
    return Promise.resolve(new Response(JSON.stringify(body), { status }));
  };
  return { transport: createHttpTransport({ baseUrl: 'https://sv', fetch }), calls };
}

describe('transport.listConflicts', () => {
  test('asks GET /api/conflicts for open ones with the token and returns the validated list', async () => {
    const { transport, calls } = answering({ protocol: 1, conflicts: [conflict] });
    const rows = await transport.listConflicts('tok', 'open');
    expect(rows).toEqual([conflict]);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.url).toBe('https://sv/api/conflicts?status=open&limit=1000');
    expect(calls[0]?.init?.method).toBe('GET');
    expect((calls[0]?.init?.headers as Record<string, string>)['authorization']).toBe('Bearer tok');
  });

  test('an answer that is not the protocol shape is a bad-response, a refusal keeps its code', async () => {
    const wrong = answering({ protocol: 1, conflicts: [{ ...conflict, earlier: null }] });
    await expect(wrong.transport.listConflicts('tok')).rejects.toMatchObject({ code: 'bad-response' });
    const refused = answering({ protocol: 1, error: { code: 'forbidden', message: 'Không có quyền.' } }, 403);
    const error = await refused.transport.listConflicts('tok').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ code: 'forbidden', status: 403 });
  });
});
