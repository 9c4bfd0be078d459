/**
 * The real server in one process (Hono app + SQLite), seeded with the demo communes, users
 * (password `demo1234`) and `beneficiaries` people, and the client's own HTTP transport talking
 * to it; `onCall` sees every URL the client asks.
 */
import { seedDemo } from '../../src/server/seed/demo';
import { testHashOptions } from '../../src/server/services/passwords';
import { createHarness, type Harness } from '../../src/server/testing/harness';
import { createHttpTransport, type Transport } from '../../src/sync/transport';

export async function demoServer(
  beneficiaries: number,
  onCall: (url: string) => void = () => undefined,
): Promise<{ harness: Harness; transport: Transport }> {
  const harness = await createHarness();
  await seedDemo(harness.db.kysely, {
    clock: harness.clock,
    beneficiaries,
    password: 'demo1234',
    hashOptions: testHashOptions,
  });
  const transport = createHttpTransport({
    baseUrl: 'http://server.test',
    fetch: (input, init) => {
      const url = input instanceof Request ? input.url : input.toString();
      onCall(url);
      return Promise.resolve(harness.app.request(url, init));
    },
  });
  return { harness, transport };
}
