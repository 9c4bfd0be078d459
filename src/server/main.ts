/**
 * Server entry: migrates, writes the pilot communes (reference data) when missing, seeds the demo
 * when the database is empty outside production, serves on PORT, and shuts down cleanly. Run as
 * `node dist/server/main.js` (the bundle, `npm start`) or `tsx src/server/main.ts` (development
 * and tests).
 */
import { serve } from '@hono/node-server';
import { systemClock } from '../lib/clock';
import { createApp } from './app';
import { isEntry } from './cli/is-entry';
import type { ServerConfig } from './config';
import { openDatabase } from './db/database';
import { migrateToLatest } from './db/migrate';
import { readEnvConfig, type EnvConfig } from './env';
import { createLogger, type Logger } from './logger';
import { SERVER_NODE_FLAGS } from './node-flags';
import { ensureExampleProviders } from './batches/providers';
import { AppError } from '../lib/app-error';
import { ensureCommunes } from './seed/communes';
import { demoTraces, isDemoDatabase } from './seed/demo-guard';
import { seedDemo } from './seed/demo';
import { defaultAuthSettings } from './services/auth';
import { defaultBlobPolicy } from './services/blobs';
import { defaultHashOptions } from './services/passwords';
import { countUsers } from './services/users';

export async function main(env: EnvConfig = readEnvConfig(), logger: Logger = createLogger()): Promise<void> {
  const db = openDatabase(env.database, {
    onPoolError: (error) => logger.error('database connection lost', { error: error.message }),
  });
  // npm start passes them; a server started another way says what it misses (README "Production").
  const missing = SERVER_NODE_FLAGS.filter((f) => !process.execArgv.includes(f));
  if (env.isProduction && missing.length > 0) logger.info('node flags missing', { flags: missing.join(' ') });
  const migrated = await migrateToLatest(db);
  if (migrated.applied.length > 0) logger.info('migrated', { applied: migrated.applied.join(',') });
  if (env.isProduction) {
    const traces = await demoTraces(db.kysely, env.demoPassword);
    if (traces.length > 0) {
      logger.announce(
        'Cơ sở dữ liệu này có dữ liệu hoặc tài khoản demo: máy chủ không chạy ở chế độ sản xuất với nó. ' +
          'Hãy dùng một cơ sở dữ liệu mới và tạo người dùng bằng "npm run user:add".',
      );
      await db.close();
      throw new AppError('demo-in-production', `demo data in a production database: ${traces.join('; ')}`);
    }
  }
  // The pilot communes are reference data: there in production too, demo or not.
  const communes = await ensureCommunes(db.kysely, systemClock.now());
  if (communes > 0) logger.info('communes written', { communes });
  // The example providers are data an admin edits; only a demo pays through them as they are.
  const examples = await ensureExampleProviders(db.kysely, { now: systemClock.now(), enabled: !env.isProduction });
  if (examples > 0) logger.info('example providers written', { providers: examples });

  let seeded: { usernames: string[] } | undefined;
  if (!env.isProduction && (await countUsers(db.kysely)) === 0) {
    const started = performance.now();
    const result = await seedDemo(db.kysely, {
      clock: systemClock,
      beneficiaries: env.demoBeneficiaries,
      password: env.demoPassword,
      hashOptions: defaultHashOptions,
    });
    seeded = { usernames: result.users.map((u) => `${u.username} (${u.role})`) };
    logger.info('demo data seeded', {
      beneficiaries: result.beneficiaries,
      paymentLines: result.paymentLines,
      ms: Math.round(performance.now() - started),
    });
  }

  const config: ServerConfig = {
    staticDir: env.staticDir,
    hashOptions: defaultHashOptions,
    tokenTtlMs: defaultAuthSettings.tokenTtlMs,
    throttle: defaultAuthSettings.throttle,
    trustProxy: env.trustProxy,
    demoPassword: env.demoPassword,
    blobs: defaultBlobPolicy,
  };
  const app = createApp({ db, clock: systemClock, logger, config });
  const isDemo = await isDemoDatabase(db.kysely);

  const server = serve({ fetch: app.fetch, port: env.port }, (info) => {
    logger.announce(`Chi trả TGXH đang chạy tại http://localhost:${info.port}`);
    if (seeded) {
      logger.announce(`Dữ liệu demo: người dùng ${seeded.usernames.join(', ')}; mật khẩu: ${env.demoPassword}`);
    }
    if (isDemo) {
      logger.announce(
        'ĐÂY LÀ BẢN DEMO: dữ liệu và tài khoản là mẫu, không dùng cho người thật. ' +
          'Chạy thật: NODE_ENV=production với cơ sở dữ liệu mới (README, "Production").',
      );
    }
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('stopping', { signal });
    server.close(() => {
      db.close().then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error('closing the database failed', { error: String(error) });
          process.exit(1);
        },
      );
    });
    // Keep-alive connections can hold close() open; do not wait for them forever.
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

if (isEntry(import.meta.url)) {
  main().catch((error: unknown) => {
    createLogger().error('server failed to start', {
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
    process.exit(1);
  });
}
