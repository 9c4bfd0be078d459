/**
 * `npm run user:add -- --username x --role officer --communes 19960,20140 --display-name "…"`
 * The password comes from stdin (piped, or typed without echo); `--password` is refused in
 * production because command lines end up in shell history and process lists.
 */
import { pilotCommunes } from '../../domain/admin-units';
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { roles, type Role } from '../../domain/vocabulary';
import { openDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { createLogger } from '../logger';
import { readEnvConfig } from '../env';
import { defaultHashOptions } from '../services/passwords';
import { createUser } from '../services/users';

const logger = createLogger();
const usage =
  `Cách dùng: npm run user:add -- --username <tên> --role <${roles.join('|')}> ` +
  '--communes <mã xã,mã xã> --display-name "<họ tên>" [--password-stdin]';

async function readPassword(fromPipe: boolean): Promise<string> {
  if (fromPipe || !process.stdin.isTTY) {
    let text = '';
    for await (const chunk of process.stdin) text += String(chunk);
    return text.replace(/\r?\n$/, '');
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  process.stdout.write('Mật khẩu: ');
  // Echo nothing while the password is typed.
  (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => undefined;
  const answer = await new Promise<string>((resolve) => rl.question('', resolve));
  rl.close();
  process.stdout.write('\n');
  return answer;
}

function fail(message: string): never {
  logger.announce(message);
  logger.announce(usage);
  process.exit(2);
}

async function run(): Promise<void> {
  const env = readEnvConfig();
  const { values } = parseArgs({
    options: {
      username: { type: 'string' },
      role: { type: 'string' },
      communes: { type: 'string', default: '' },
      'display-name': { type: 'string' },
      'password-stdin': { type: 'boolean', default: false },
      password: { type: 'string' },
    },
  });
  const username = values.username?.trim();
  if (!username) fail('Thiếu --username.');
  const role = values.role as Role | undefined;
  if (!role || !roles.includes(role)) fail(`--role phải là một trong: ${roles.join(', ')}.`);
  const communes = values.communes
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean);
  if (communes.some((c) => !/^\d{5}$/.test(c))) fail('--communes là các mã xã 5 chữ số, cách nhau bằng dấu phẩy.');
  const unknown = communes.filter((c) => !pilotCommunes.some((p) => p.code === c));
  if (unknown.length > 0) fail(`Mã xã không có trong danh mục (mã từ 01/07/2025): ${unknown.join(', ')}.`);
  if (role !== 'admin' && role !== 'supervisor' && communes.length === 0)
    fail('Cán bộ xã, người chi trả, người phê duyệt và người theo dõi cần ít nhất một xã.');
  if (values.password !== undefined && env.isProduction)
    fail('Không nhận mật khẩu trên dòng lệnh khi chạy production.');
  const password = values.password ?? (await readPassword(values['password-stdin']));
  if (password.length < 8) fail('Mật khẩu cần ít nhất 8 ký tự.');
  // A production start refuses a database where it opens an account (seed/demo-guard.ts).
  if (password === env.demoPassword) fail('Không dùng mật khẩu của bản demo cho người dùng thật.');

  const db = openDatabase(env.database);
  try {
    await migrateToLatest(db);
    const created = await createUser(
      db.kysely,
      { id: randomUUID(), username, displayName: values['display-name'] ?? username, role, communes, password },
      { now: Date.now(), hashOptions: defaultHashOptions },
    );
    if (!created.ok) fail(`Tên đăng nhập "${username}" đã có.`);
    logger.announce(`Đã tạo người dùng ${created.value.username} (${role}); xã: ${communes.join(', ') || 'không có'}.`);
  } finally {
    await db.close();
  }
}

run().catch((error: unknown) => {
  logger.error('user:add failed', { error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exit(1);
});
