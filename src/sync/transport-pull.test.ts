import { describe, expect, test } from 'vitest';
import type { PullResponse } from '../protocol/pull';
import { encodeColumnsPage } from '../protocol/pull-columns';
import { createHttpTransport, TransportError } from './transport';

const page: PullResponse = {
  protocol: 1,
  cursor: 'c.2',
  hasMore: false,
  remaining: 0,
  leaseDays: 7,
  changes: [
    { entity: 'period', id: '2026-12', version: 1, deleted: false, data: { month: '2026-12', status: 'open' } },
    {
      entity: 'beneficiary',
      id: 'b-1',
      version: 3,
      deleted: false,
      data: { fullName: 'Hoàng Thị Sen', village: 'Tổ 1' },
    },
    {
      entity: 'payment-line',
      id: '2026-12:b-1',
      version: 1,
      deleted: false,
      data: { periodId: '2026-12', beneficiaryId: 'b-1' },
    },
  ],
};

function transportAnswering(body: unknown) {
  const urls: string[] = [];
  const transport = createHttpTransport({
    fetch: (input) => {
      urls.push(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
      return Promise.resolve(new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } }));
    },
  });
  return { transport, urls };
}

describe('transport pull', () => {
  test('asks for columnar pages and hands the pull loop the plain page', async () => {
    const { transport, urls } = transportAnswering(encodeColumnsPage(page));
    expect(await transport.pull('t', 'c.1', 2000)).toEqual(page);
    expect(new URL(urls[0] ?? '', 'http://x').searchParams.get('format')).toBe('columns');
    expect(new URL(urls[0] ?? '', 'http://x').searchParams.get('cursor')).toBe('c.1');
  });

  test('reads a plain page too (a server without columnar pages)', async () => {
    const { transport } = transportAnswering(page);
    expect(await transport.pull('t', null, 2000)).toEqual(page);
  });

  test('a columnar page whose columns do not add up is a bad response', async () => {
    const encoded = encodeColumnsPage(page);
    const { transport } = transportAnswering({ ...encoded, order: `${encoded.order}0` });
    const error = await transport.pull('t', null, 2000).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).code).toBe('bad-response');
  });
});
