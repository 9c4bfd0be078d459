/** The bench's table: one line per figure, with its target, as Markdown (pasted into the README). */

type Dict = Record<string, unknown>;
const get = (o: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Dict)[k] : undefined), o);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

function range(o: unknown, unit: string, digits = 1): string {
  const median = num(get(o, 'median'));
  if (median === undefined) return 'not measured';
  const min = num(get(o, 'min')) ?? median;
  const max = num(get(o, 'max')) ?? median;
  return `${median.toFixed(digits)} ${unit} (${min.toFixed(digits)}–${max.toFixed(digits)})`;
}

function fixed(v: unknown, unit: string, digits = 1): string {
  const n = num(v);
  return n === undefined ? 'not measured' : `${n.toFixed(digits)} ${unit}`;
}

export function tableRows(r: Dict): [string, string, string][] {
  const rows: [string, string, string][] = [];
  const sync = get(r, 'initialSync');
  const sizes = Object.keys((get(sync, 'ours') as Dict | undefined) ?? {});
  for (const n of sizes) {
    const people = Number(n).toLocaleString('en-US');
    const t50 = n === '50000';
    rows.push([
      `Initial sync ${people}, ours (real app, sign-in → searchable)`,
      range(get(sync, 'ours', n), 's', 2),
      t50 ? '≤ 5 s' : '',
    ]);
    rows.push([
      `Initial sync ${people}, raw IndexedDB floor, app's indexes`,
      range(get(sync, 'indexeddbFloor', n), 's', 2),
      '',
    ]);
    rows.push([
      `Initial sync ${people}, raw IndexedDB, no secondary index`,
      range(get(sync, 'indexeddbNoIndexFloor', n), 's', 2),
      '',
    ]);
    rows.push([
      `Initial sync ${people}, raw IndexedDB, packed pages + packed token index (a bulk-load design)`,
      range(get(sync, 'indexeddbPacked', n), 's', 2),
      '',
    ]);
    rows.push([`Initial sync ${people}, PouchDB replication (defaults)`, range(get(sync, 'pouchdb', n), 's', 2), '']);
    if (get(sync, 'pouchdbBatch500', n)) {
      rows.push([
        `Initial sync ${people}, PouchDB replication (batch_size 500)`,
        range(get(sync, 'pouchdbBatch500', n), 's', 2),
        '',
      ]);
    }
    rows.push([`  ratio ours / floor (${people})`, range(get(sync, 'ratios', n, 'oursOverFloor'), '×', 2), '']);
    rows.push([
      `  ratio ours / no-index floor (${people})`,
      range(get(sync, 'ratios', n, 'oursOverNoIndexFloor'), '×', 2),
      '',
    ]);
    rows.push([
      `  ratio PouchDB / ours (${people})`,
      range(get(sync, 'ratios', n, 'pouchdbOverOurs'), '×', 2),
      t50 ? '≥ 15×' : '',
    ]);
  }
  const search = get(r, 'search');
  if (search) {
    const people = Number(get(search, 'beneficiaries')).toLocaleString('en-US');
    rows.push([
      `Search as you type, ${people} people: keystroke → results in DOM, p50 / p95`,
      `${fixed(get(search, 'p50Ms'), 'ms')} / ${fixed(get(search, 'p95Ms'), 'ms')}`,
      'p95 ≤ 8 ms',
    ]);
    rows.push([
      `  keystroke → next frame painted, p50 / p95`,
      `${fixed(get(search, 'paintP50Ms'), 'ms')} / ${fixed(get(search, 'paintP95Ms'), 'ms')}`,
      'p95 ≤ 16 ms',
    ]);
    rows.push([
      `  searchRoster alone, p50 / p95`,
      `${fixed(get(search, 'queryP50Ms'), 'ms', 2)} / ${fixed(get(search, 'queryP95Ms'), 'ms', 2)}`,
      '',
    ]);
  }
  const payment = get(r, 'payment');
  if (payment) {
    rows.push([
      `Payment, confirm → durable commit (${String(get(payment, 'count'))}), p50 / p95`,
      `${fixed(get(payment, 'p50Ms'), 'ms')} / ${fixed(get(payment, 'p95Ms'), 'ms')}`,
      'p95 ≤ 8 ms',
    ]);
  }
  const push = get(r, 'push');
  if (push) {
    rows.push([
      'Push 10,000 ops (batches of 500), SQLite',
      fixed(get(push, 'sqliteOpsPerSec'), 'ops/s', 0),
      '≥ 10,000 ops/s',
    ]);
    rows.push(['  replayed (all duplicates), SQLite', fixed(get(push, 'sqliteReplayOpsPerSec'), 'ops/s', 0), '']);
    rows.push([
      'Push 10,000 ops (batches of 500), PostgreSQL',
      fixed(get(push, 'postgresOpsPerSec'), 'ops/s', 0),
      '≥ 5,000 ops/s',
    ]);
    rows.push(['  replayed (all duplicates), PostgreSQL', fixed(get(push, 'postgresReplayOpsPerSec'), 'ops/s', 0), '']);
  }
  const cold = get(r, 'coldStart');
  if (cold) {
    const people = Number(get(cold, 'beneficiaries')).toLocaleString('en-US');
    rows.push([
      `Offline cold start (${people} people), navigation → lock screen → PIN → roster usable`,
      range({ median: get(cold, 'medianMs'), min: get(cold, 'minMs'), max: get(cold, 'maxMs') }, 'ms', 0),
      '≤ 600 ms',
    ]);
    rows.push(['  the app’s own time (without typing the PIN)', fixed(get(cold, 'appOwnMedianMs'), 'ms', 0), '']);
    rows.push([
      '  PIN sent → roster usable (unlock, pages decrypted)',
      fixed(get(cold, 'unlockToUsableMedianMs'), 'ms', 0),
      '',
    ]);
  }
  const bundle = get(r, 'bundle');
  if (bundle) {
    rows.push(['Initial JS to a usable roster, gzip', fixed(get(bundle, 'initialJsGzipKb'), 'KB'), '≤ 160 KB']);
    rows.push(['  entry script and its preloads only, gzip', fixed(get(bundle, 'entryJsGzipKb'), 'KB'), '']);
    rows.push([
      'Precache total (raw / gzip)',
      `${fixed(get(bundle, 'precacheKb'), 'KB')} / ${fixed(get(bundle, 'precacheGzipKb'), 'KB')}`,
      '',
    ]);
  }
  const link = get(r, 'link');
  if (link) {
    const people = Number(get(link, 'people')).toLocaleString('en-US');
    rows.push([
      `First visit of a commune of ${people} on a mobile link (1.6 Mbit/s down, 750 kbit/s up, 150 ms): installed and searchable`,
      range(get(link, 'firstVisitSeconds'), 's', 2),
      '≤ 10 s',
    ]);
    rows.push(['  pull bytes per person on the wire', range(get(link, 'pullBytesPerPerson'), 'B', 1), '≤ 150 B']);
  }
  const mem = get(r, 'serverMemory');
  if (mem) {
    const people = Number(get(mem, 'beneficiaries')).toLocaleString('en-US');
    rows.push([
      `Server RSS after a full pull of ${people} people (peak; before the pull)`,
      `${fixed(get(mem, 'rssMb'), 'MB', 0)} (${fixed(get(mem, 'peakRssMb'), 'MB', 0)}; ${fixed(get(mem, 'rssBeforePullMb'), 'MB', 0)} before)`,
      'peak ≤ 200 MB',
    ]);
  }
  const lists = get(r, 'listImport');
  for (const groups of ['k5b', 'by-age']) {
    const l = get(lists, groups);
    if (!l) continue;
    const rows_ = Number(get(l, 'rows')).toLocaleString('en-US');
    const status = `HTTP ${String(get(l, 'status'))}${get(l, 'errorCode') ? ` ${String(get(l, 'errorCode'))}` : ''}`;
    const warnings = num(get(l, 'findings', 'warning')) ?? 0;
    const flags = ((get(l, 'serverNodeArgs') as string[] | undefined) ?? []).join(' ');
    rows.push([
      `List import, ${rows_}-row .xlsx (${fixed(get(l, 'fileMb'), 'MB', 1)}, ${groups === 'k5b' ? 'all k5b' : 'group fits age'}, ${String(warnings)} warnings${flags ? `, server ${flags}` : ''}), ${status}`,
      fixed(get(l, 'seconds'), 's'),
      '≤ 30 s',
    ]);
    rows.push([
      `  server RSS during it: before → peak (VmHWM after)`,
      `${fixed(get(l, 'rssBeforeMb'), 'MB', 0)} → ${fixed(get(l, 'peakRssMb'), 'MB', 0)} (${fixed(get(l, 'hwmAfterMb'), 'MB', 0)})`,
      '≤ 500 MB',
    ]);
  }
  const batches = get(r, 'batches');
  for (const [key, label] of [
    ['sqlite', 'SQLite'],
    ['postgres', 'PostgreSQL'],
  ] as const) {
    const b = get(batches, key);
    if (!b) continue;
    const lines = Number(get(b, 'lines')).toLocaleString('en-US');
    const step = (name: string) => {
      const s = get(b, 'steps', name);
      if (!s) return 'not measured';
      const status = num(get(s, 'status'));
      const code = get(s, 'errorCode');
      const refused = status === 200 ? '' : `, HTTP ${String(status)} ${typeof code === 'string' ? code : ''}`;
      const read = num(get(s, 'concurrentReadSeconds'));
      const meanwhile = read === undefined ? '' : `; another user's read meanwhile ${read.toFixed(2)} s`;
      return `${fixed(get(s, 'seconds'), 's', 2)} (server CPU ${fixed(get(s, 'serverCpuSeconds'), 's')}${meanwhile}${refused})`;
    };
    rows.push([`Provider batch, ${lines} bank lines, ${label}: prepare (POST /api/batches)`, step('prepare'), '']);
    rows.push([`  export: first download, ${lines} transfer-send ops + the file`, step('export'), '']);
    rows.push([
      `  results preview: ${lines}-row .xlsx (${fixed(get(b, 'resultFile', 'mb'), 'MB', 1)}), ${String(get(b, 'failures'))} failed`,
      step('results'),
      '',
    ]);
    rows.push([`  apply: ${lines} transfer-result ops`, step('apply'), '']);
    rows.push([
      `  server RSS over the group: start → peak (VmHWM)`,
      `${fixed(get(b, 'rssStartMb'), 'MB', 0)} → ${fixed(get(b, 'peakRssMb'), 'MB', 0)} (${fixed(get(b, 'hwmMb'), 'MB', 0)})`,
      '',
    ]);
  }
  return rows;
}

export function markdownTable(r: Dict): string {
  const lines = ['| measurement | median (min–max) or figure | target |', '|---|---|---|'];
  for (const [a, b, c] of tableRows(r)) lines.push(`| ${a.trim()} | ${b} | ${c} |`);
  return lines.join('\n');
}

export function printTable(r: Dict): void {
  console.log('\n' + markdownTable(r));
  const missing = (r['notMeasured'] as string[] | undefined) ?? [];
  for (const m of missing) console.log(`not measured: ${m}`);
}
