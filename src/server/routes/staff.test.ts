import { describe, expect, test } from 'vitest';
import { payersResponseSchema } from '../../protocol/staff';
import { createHarness } from '../testing/harness';

describe('GET /api/staff/payers', () => {
  test('an officer sees the enabled payers of their communes, narrowed to them; a monitor may not ask', async () => {
    const h = await createHarness();
    await h.addUser('officer', 'officer', ['19960']);
    await h.addUser('payer-a', 'payer', ['19960', '20140']);
    await h.addUser('payer-b', 'payer', ['20140']);
    await h.addUser('payer-off', 'payer', ['19960']);
    await h.db.kysely.updateTable('users').set({ disabled: 1 }).where('username', '=', 'payer-off').execute();
    await h.addUser('officer-2', 'officer', ['19960']);

    const res = await h.request('/api/staff/payers', { token: await h.signIn('officer') });
    expect(res.status).toBe(200);
    const { payers } = payersResponseSchema.parse(await res.json());
    expect(payers.map((p) => [p.id, p.communes])).toEqual([['user-payer-a', ['19960']]]);

    // A payer asks too, to hand cash over to another payer of their commune.
    const forPayer = await h.request('/api/staff/payers', { token: await h.signIn('payer-a') });
    expect(payersResponseSchema.parse(await forPayer.json()).payers.map((p) => p.id)).toEqual([
      'user-payer-a',
      'user-payer-b',
    ]);
    await h.addUser('monitor', 'monitoring', ['19960']);
    const refused = await h.request('/api/staff/payers', { token: await h.signIn('monitor') });
    expect(refused.status).toBe(403);
  });
});
