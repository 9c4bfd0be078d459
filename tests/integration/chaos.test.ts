// The bounded chaos run of CI (issue 4): a few seeded schedules of devices, dropped answers,
// doubled requests and kill -9 against the real server process; `npm run chaos` runs more.
import { describe, expect, test } from 'vitest';
import type { Transport } from '../../src/sync/transport';
import { formatTotals, runChaos } from '../chaos/chaos';

describe('chaos', () => {
  test('three seeded schedules lose nothing, pay no line twice and settle every op', async () => {
    const totals = await runChaos({ schedules: 3, seed: 20261128, steps: 36 });
    const report = totals.failures.map((f) => `seed ${f.seed}:\n  ${f.violations.join('\n  ')}`).join('\n');
    expect(report, formatTotals(totals)).toBe('');
    expect(totals.figures.losses).toBe(0);
    // The schedules really exercised the faults they are meant to survive.
    expect(totals.figures.ops).toBeGreaterThan(30);
    expect(totals.figures.conflicts).toBeGreaterThan(0);
    expect(totals.figures.rejected).toBeGreaterThan(0);
    expect(totals.figures.droppedResponses).toBeGreaterThan(0);
    expect(totals.figures.kills).toBeGreaterThan(0);
    expect(totals.figures.duplicateAnswers).toBeGreaterThan(0);
  }, 110_000);

  test('the audit catches a device that marks an op done the server never received', async () => {
    // A planted client bug: the first op of every push is answered "applied" locally and never sent.
    const forgetful = (inner: Transport): Transport => ({
      ...inner,
      push: async (token, body) => {
        const [first, ...rest] = body.ops;
        const answer = await inner.push(token, { ...body, ops: rest });
        return first
          ? { ...answer, results: [{ id: String(first['id']), status: 'applied' }, ...answer.results] }
          : answer;
      },
    });
    const totals = await runChaos({ schedules: 1, seed: 7, steps: 20, wrapTransport: forgetful });
    expect(totals.failed).toBe(1);
    expect(totals.figures.losses).toBeGreaterThan(0);
    expect(totals.failures[0]?.violations.join('\n')).toContain('0 server rows');
  }, 60_000);
});
