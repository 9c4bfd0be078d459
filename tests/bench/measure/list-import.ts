/**
 * Importing a commune's monthly list through the real HTTP API (issue 11's scale target: a
 * 150,000-row `.xlsx` in ≤ 30 s with ≤ 500 MB server RSS; reported, never asserted). The file is
 * made here, in the bench process, with the columns of `tests/builders/list-file.ts` (title rows,
 * merged two-row header, the people, a totals row), DEFLATE-compressed as Excel writes it. The
 * officer of Phú Bài uploads it for the month after the demo's, so last month's lines are the
 * demo's and every row of the file is a person new to the commune (the heaviest diff).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import * as XLSX from '@e965/xlsx';
import { monthlyAmount } from '../../../src/domain/benefits';
import { addMonths } from '../../../src/domain/calendar';
import { centuryGenderDigit } from '../../../src/domain/citizen-id-number';
import type { CategoryCode, Gender } from '../../../src/domain/vocabulary';
import { vietnamMonth } from '../../../src/lib/clock';
import { fullName } from '../../../src/protocol/sample/names';
import { createRng } from '../../../src/protocol/sample/prng';
import { LIST_HEADER_ROWS, LIST_MERGES } from '../../builders/list-file';
import { login } from '../lib/data';
import { cpuSeconds, processMemory, type Running } from '../lib/processes';
import { round } from '../lib/stats';

const PHU_BAI = '19960';
/** Thừa Thiên Huế's birth-registration code: the first three digits of its people's ID numbers. */
const HUE = '046';

/**
 * `k5b` on every row (a new person needs a group; ages outside 75–79 then draw an
 * `age-outside-category` warning, about 4 rows in 5), or the group of Art. 5 clause 5 that fits
 * the person's age (a list without a warning).
 */
export type ListGroups = 'k5b' | 'by-age';

const groupText: Partial<Record<CategoryCode, string>> = {
  k5a: 'Khoản 5 điểm a',
  k5b: 'Khoản 5 điểm b',
  k5c: 'Khoản 5 điểm c',
};

function groupOf(groups: ListGroups, birthYear: number, month: string): CategoryCode {
  if (groups === 'k5b') return 'k5b';
  const age = Number(month.slice(0, 4)) - birthYear;
  return age >= 81 ? 'k5c' : age >= 76 ? 'k5b' : 'k5a';
}

/**
 * The people rows: unique codes `BT-000001`…, Vietnamese names, birth years 1930–1960, a valid
 * 12-digit ID number for three in four (the rest blank, as many lists are), the rule's monthly
 * amount for the group, arrears for about 3% and the line total.
 */
export function listRows(count: number, month: string, groups: ListGroups, seed = 11): (string | number)[][] {
  const rng = createRng(seed);
  const rows: (string | number)[][] = [];
  for (let i = 1; i <= count; i++) {
    const gender: Gender = rng.chance(0.6) ? 'female' : 'male';
    const birthYear = rng.int(1930, 1960);
    const category = groupOf(groups, birthYear, month);
    const rule = monthlyAmount(
      { category, birthDate: String(birthYear), disabilitySeverity: null, childrenCount: null },
      month,
    );
    if (!rule.ok) throw new Error(`no amount for ${category} in ${month}: ${rule.error.code}`);
    const monthly = rule.value.amount;
    const arrearsMonths = rng.chance(0.03) ? rng.int(1, 2) : 0;
    const arrears = arrearsMonths * monthly;
    const id = rng.chance(0.75)
      ? `${HUE}${String(centuryGenderDigit(birthYear, gender))}${String(birthYear).slice(2)}${String(i).padStart(6, '0')}`
      : '';
    rows.push([
      i,
      `BT-${String(i).padStart(6, '0')}`,
      fullName(rng, gender, birthYear),
      String(birthYear),
      id,
      monthly,
      arrearsMonths,
      arrears,
      monthly + arrears,
      gender === 'female' ? 'Nữ' : 'Nam',
      groupText[category] ?? category,
    ]);
  }
  return rows;
}

/**
 * How the `.xlsx` is zipped: `zlib` as Excel saves it (shared strings, DEFLATE at zlib's default
 * level: about 55 bytes a row here), or `sheetjs` as the library writes it with `compression: true`
 * (inline strings and its own weaker DEFLATE: about 160 bytes a row, so 150,000 rows pass 20 MiB).
 */
export type ListZip = 'zlib' | 'sheetjs';

/** The whole `.xlsx`, as `listFile` builds it, for many rows. */
export function bigListFile(people: (string | number)[][], month: string, zip: ListZip): Uint8Array<ArrayBuffer> {
  const [year, mm] = month.split('-');
  const total = people.reduce((sum, p) => sum + Number(p[8] ?? 0), 0);
  const ws = XLSX.utils.aoa_to_sheet([
    ['UBND PHƯỜNG PHÚ BÀI'],
    [`DANH SÁCH CHI TRẢ TRỢ CẤP HÀNG THÁNG - Tháng ${String(Number(mm))} năm ${year ?? ''}`],
    ...LIST_HEADER_ROWS,
    ...people,
    [null, null, 'Tổng cộng', null, null, null, null, null, total],
  ]);
  ws['!merges'] = LIST_MERGES.map((r) => XLSX.utils.decode_range(r));
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, `Tháng ${String(Number(mm))}`);
  if (zip === 'sheetjs') {
    return new Uint8Array(XLSX.write(wb, { bookType: 'xlsx', type: 'array', compression: true }) as ArrayBuffer);
  }
  const stored = XLSX.write(wb, { bookType: 'xlsx', type: 'buffer', compression: false, bookSST: true }) as Buffer;
  return deflateZip(stored);
}

/** A stored (uncompressed) ZIP, its entries DEFLATEd by zlib (level 6, as Excel's zip does). */
export function deflateZip(stored: Buffer): Uint8Array<ArrayBuffer> {
  const end = stored.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = stored.readUInt16LE(end + 10);
  let at = stored.readUInt32LE(end + 16);
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (let i = 0; i < count; i++) {
    const nameLength = stored.readUInt16LE(at + 28);
    const name = stored.subarray(at + 46, at + 46 + nameLength);
    const size = stored.readUInt32LE(at + 24);
    const local = stored.readUInt32LE(at + 42);
    const start = local + 30 + stored.readUInt16LE(local + 26) + stored.readUInt16LE(local + 28);
    const content = stored.subarray(start, start + size);
    const data = deflateRawSync(content, { level: 6 });
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4); // version needed: 2.0 (DEFLATE)
    head.writeUInt16LE(0x0800, 6); // names are UTF-8
    head.writeUInt16LE(8, 8); // DEFLATE
    head.writeUInt32LE(0x00210000, 10); // 1980-01-01 00:00
    head.writeUInt32LE(crc32(content), 14);
    head.writeUInt32LE(data.length, 18);
    head.writeUInt32LE(size, 22);
    head.writeUInt16LE(nameLength, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    head.copy(entry, 6, 4, 30); // the local header's fields, two bytes further on
    entry.writeUInt32LE(offset, 42);
    locals.push(head, name, data);
    central.push(entry, name);
    offset += head.length + name.length + data.length;
    at += 46 + nameLength + stored.readUInt16LE(at + 30) + stored.readUInt16LE(at + 32);
  }
  const directory = Buffer.concat(central);
  const tail = Buffer.alloc(22);
  tail.writeUInt32LE(0x06054b50, 0);
  tail.writeUInt16LE(count, 8);
  tail.writeUInt16LE(count, 10);
  tail.writeUInt32LE(directory.length, 12);
  tail.writeUInt32LE(offset, 16);
  const out = Buffer.concat([...locals, directory, tail]);
  return new Uint8Array(out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength));
}

export type ListImportRun = {
  rows: number;
  groups: ListGroups;
  zip: ListZip;
  serverNodeArgs: string[];
  period: string;
  /** The file's size in MiB (2^20 bytes), and exactly. */
  fileMb: number;
  fileBytes: number;
  /** Seconds to make the rows and write the `.xlsx` (bench process, not the server). */
  buildSeconds: number;
  status: number;
  /** The error code of a refused request (4xx/5xx other than 422), else null. */
  errorCode: string | null;
  /** Wall time of the POST: upload, read, check, diff, the draft's lines written, the answer. */
  seconds: number;
  serverCpuSeconds: number;
  rssBeforeMb: number;
  /** Highest VmRSS sampled every 100 ms during the request, or VmHWM after it when that rose. */
  peakRssMb: number;
  /** VmHWM after the request: the process's peak since it started (seeding included). */
  hwmAfterMb: number;
  hwmBeforeMb: number;
  rssAfterMb: number;
  answerMb: number;
  findings: { error: number; warning: number; byCode: Record<string, number> };
  diff: unknown;
  listId: string | null;
};

export type ListImportOptions = {
  rows: number;
  groups: ListGroups;
  zip: ListZip;
  work: string;
  /** The bench's server start (a child process on a fresh SQLite file with this many demo people). */
  startServer: (beneficiaries: number, env?: Record<string, string>, nodeArgs?: string[]) => Promise<Running>;
  /** Node flags of the server (diagnostics: `--stack-size=…`, `--max-old-space-size=…`), recorded with the figures. */
  nodeArgs?: string[];
  stop: (server: Running) => Promise<void>;
  demoBeneficiaries?: number;
  log: (s: string) => void;
};

const mb = (kb: number) => round(kb / 1024, 1);

/**
 * The bench's `lists` group: its flags (`--list-rows`, `--list-groups`, `--list-zip`,
 * `--list-stack-kb`, `--list-heap-mb`) read with `flag`, one import of a fresh server per group of rows.
 */
export async function listImportGroup(
  flag: (name: string) => string | undefined,
  quick: boolean,
  deps: Pick<ListImportOptions, 'work' | 'startServer' | 'stop' | 'log'>,
): Promise<Record<string, unknown>> {
  const rows = Number(flag('list-rows') ?? (quick ? 20_000 : 150_000));
  const zip = (flag('list-zip') ?? 'zlib') as ListZip;
  const stack = flag('list-stack-kb');
  const heap = flag('list-heap-mb');
  deps.log(`\n8. List import: ${rows.toLocaleString('en-US')} rows of .xlsx through POST /api/lists/import`);
  const out: Record<string, unknown> = { rows, targets: { seconds: 30, peakRssMb: 500 } };
  for (const groups of (flag('list-groups') ?? 'k5b,by-age').split(',') as ListGroups[]) {
    const nodeArgs = [
      ...(stack ? [`--stack-size=${stack}`] : []),
      // V8 lets the old generation grow to about 4 × what survived the last full GC: a cap shows how
      // much of the peak is garbage not yet collected rather than memory the import holds.
      ...(heap ? [`--max-old-space-size=${heap}`] : []),
    ];
    out[groups] = await measureListImport({ ...deps, rows, groups, zip, nodeArgs });
  }
  return out;
}

export async function measureListImport(o: ListImportOptions): Promise<ListImportRun> {
  // The demo's month is the current Vietnam month (with its lines): the list is for the next one.
  const period = addMonths(vietnamMonth(Date.now()), 1) ?? '';
  const t0 = performance.now();
  const bytes = bigListFile(listRows(o.rows, period, o.groups), period, o.zip);
  const buildSeconds = (performance.now() - t0) / 1000;
  const fileName = `Danh sách tháng ${period.slice(5)} - ${String(o.rows)} dòng.xlsx`;
  writeFileSync(join(o.work, `list-${String(o.rows)}-${o.groups}-${o.zip}.xlsx`), bytes);
  const fileMb = round(bytes.byteLength / 2 ** 20, 2);
  o.log(
    `  ${String(o.rows)} rows (${o.groups}, ${o.zip} zip) for ${period}: ${fileMb.toFixed(2)} MB in ${buildSeconds.toFixed(1)} s`,
  );

  const server = await o.startServer(o.demoBeneficiaries ?? 2_000, {}, o.nodeArgs ?? []);
  try {
    const who = await login(server.url, 'officer');
    const before = processMemory(server.pid);
    const cpuBefore = cpuSeconds(server.pid);
    let peakKb = before.rssKb;
    const sampler = setInterval(() => {
      try {
        peakKb = Math.max(peakKb, processMemory(server.pid).rssKb);
      } catch {
        // The server ended: the request fails and says so.
      }
    }, 100);
    const start = performance.now();
    let status = 0;
    let text = '';
    try {
      const response = await fetch(`${server.url}/api/lists/import?period=${period}&commune=${PHU_BAI}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${who.token}`,
          'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          'x-filename': encodeURIComponent(fileName),
        },
        body: bytes,
      });
      status = response.status;
      text = await response.text();
    } catch (e) {
      text = JSON.stringify({ error: { code: `fetch-failed: ${e instanceof Error ? e.message : String(e)}` } });
    } finally {
      clearInterval(sampler);
    }
    const seconds = (performance.now() - start) / 1000;
    const after = (() => {
      try {
        return processMemory(server.pid);
      } catch {
        return { rssKb: Number.NaN, peakKb: Number.NaN };
      }
    })();
    peakKb = Math.max(peakKb, Number.isFinite(after.rssKb) ? after.rssKb : 0);
    // VmHWM is exact where sampling can miss a spike; above its value before, the peak was now.
    if (after.peakKb > before.peakKb) peakKb = Math.max(peakKb, after.peakKb);
    const body = parse(text);
    const findings = { error: 0, warning: 0, byCode: {} as Record<string, number> };
    for (const f of body.findings ?? []) {
      if (f.severity === 'error') findings.error++;
      else findings.warning++;
      findings.byCode[f.code] = (findings.byCode[f.code] ?? 0) + 1;
    }
    const run: ListImportRun = {
      rows: o.rows,
      groups: o.groups,
      zip: o.zip,
      serverNodeArgs: o.nodeArgs ?? [],
      period,
      fileMb,
      fileBytes: bytes.byteLength,
      buildSeconds: round(buildSeconds, 1),
      status,
      errorCode: status === 200 || status === 422 ? null : (body.error?.code ?? (text.slice(0, 200) || null)),
      seconds: round(seconds, 2),
      serverCpuSeconds: round(cpuSeconds(server.pid) - cpuBefore, 1),
      rssBeforeMb: mb(before.rssKb),
      peakRssMb: mb(peakKb),
      hwmBeforeMb: mb(before.peakKb),
      hwmAfterMb: mb(after.peakKb),
      rssAfterMb: mb(after.rssKb),
      answerMb: round(text.length / 2 ** 20, 2),
      findings,
      diff: body.diff ?? null,
      listId: body.listId ?? null,
    };
    o.log(
      `  POST /api/lists/import → ${String(status)}${run.errorCode ? ` ${run.errorCode}` : ''} in ${run.seconds.toFixed(1)} s, ` +
        `server RSS ${String(run.rssBeforeMb)} → peak ${String(run.peakRssMb)} MB (VmHWM ${String(run.hwmAfterMb)} MB), ` +
        `findings ${JSON.stringify(findings.byCode)}`,
    );
    if (status === 0 || status >= 500) o.log(server.output().slice(-3000));
    return run;
  } finally {
    await o.stop(server);
  }
}

type Answer = {
  listId?: string | null;
  findings?: { severity: string; code: string }[];
  diff?: unknown;
  error?: { code?: string };
};

function parse(text: string): Answer {
  try {
    return JSON.parse(text) as Answer;
  } catch {
    return {};
  }
}
