/**
 * `npm run chaos -- --schedules 1000 [--seed N] [--steps N] [--jobs N] [--beneficiaries N] [--tsx] [--verbose]`:
 * runs seeded chaos schedules against the real server and prints the totals; exits 1 when any
 * schedule broke an invariant (the failing seeds are printed, each repeatable with --seed).
 */
import { parseArgs } from 'node:util';
import { formatTotals, runChaos } from './chaos';

const { values } = parseArgs({
  options: {
    schedules: { type: 'string', default: '20' },
    seed: { type: 'string', default: '1' },
    steps: { type: 'string', default: '40' },
    beneficiaries: { type: 'string', default: '300' },
    jobs: { type: 'string', default: '1' },
    tsx: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
  },
});

const schedules = Number(values.schedules);
const seed = Number(values.seed);
console.log(`chaos: ${schedules} schedules from seed ${seed}, ${values.steps} steps each`);
const totals = await runChaos({
  schedules,
  seed,
  steps: Number(values.steps),
  beneficiaries: Number(values.beneficiaries),
  server: values.tsx ? 'tsx' : 'bundle',
  jobs: Number(values.jobs),
  onSchedule: (r, i) => {
    const f = r.figures;
    const verdict = r.violations.length === 0 ? 'ok' : `FAILED (${r.violations.length})`;
    console.log(
      `[${i + 1}/${schedules}] seed ${r.seed}: ${verdict} — ops ${f.ops}, conflicts ${f.conflicts}, rejected ${f.rejected}, ` +
        `dropped ${f.droppedResponses}, doubled ${f.duplicatedRequests}, kills ${f.kills}, losses ${f.losses} (${(r.ms / 1000).toFixed(1)} s)`,
    );
    for (const v of r.violations) console.log(`    ✗ ${v}`);
    if (values.verbose || r.violations.length > 0) for (const e of r.events) console.log(`      ${e}`);
  },
});
console.log('');
console.log(formatTotals(totals));
if (totals.failed > 0) {
  console.log(
    `\nfailing seeds: ${totals.failures.map((f) => f.seed).join(', ')} (repeat one with --schedules 1 --seed N)`,
  );
  process.exit(1);
}
