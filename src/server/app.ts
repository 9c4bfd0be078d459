/** The Hono application: middleware, API routes, static PWA, and the one error handler. */
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Clock } from '../lib/clock';
import type { ServerConfig } from './config';
import type { AppDatabase } from './db/database';
import type { AppEnv } from './http/context';
import { errorBody, errorStatus, HttpError } from './http/errors';
import { compression } from './http/compress';
import { bodyLimits, requestLog, securityHeaders, wellFormedPaths } from './http/middleware';
import { requireSession } from './http/require-session';
import { mountStatic } from './http/static';
import type { Logger } from './logger';
import { authRoutes } from './routes/auth';
import { batchRoutes } from './routes/batches';
import { blobRoutes } from './routes/blobs';
import { conflictRoutes } from './routes/conflicts';
import { deviceRoutes } from './routes/devices';
import { healthRoutes } from './routes/health';
import { importRoutes } from './routes/import';
import { leaseRoutes } from './routes/leases';
import { paymentPointRoutes } from './routes/payment-points';
import { aboutPilotRoutes } from './routes/about-pilot';
import { listRoutes } from './routes/lists';
import { monthRoutes } from './routes/months';
import { openedAccountRoutes } from './routes/opened-accounts';
import { pullRoutes } from './routes/pull';
import type { Gate } from '../lib/gate';
import { pushRoutes } from './routes/push';
import { staffRoutes } from './routes/staff';
import { cashRoutes } from './routes/cash';
import { reportRoutes } from './routes/reports';
import { receiptRoutes } from './routes/receipts';
import { userRoutes } from './routes/users';
import type { AuthDeps } from './services/auth';
import { createDummyHash } from './services/passwords';
import { readCursorSecret } from './services/settings';

export type AppDeps = {
  db: AppDatabase;
  clock: Clock;
  logger: Logger;
  config: ServerConfig;
  /** Bounds the pull pages built at once (routes/pull.ts); tests pass their own to hold it. */
  pullGate?: Gate | undefined;
};

export function createApp({ db, clock, logger, config, pullGate }: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const authDeps: AuthDeps = {
    db: db.kysely,
    clock,
    settings: {
      hashOptions: config.hashOptions,
      tokenTtlMs: config.tokenTtlMs,
      throttle: config.throttle,
    },
    dummyHash: createDummyHash(config.hashOptions),
    trustProxy: config.trustProxy,
    demoPassword: config.demoPassword,
  };
  // Read once per instance; every copy of the server reads the same secret from the database.
  let secret: Promise<string> | undefined;
  const cursorSecret = () => (secret ??= readCursorSecret(db.kysely));
  const session = requireSession(authDeps);

  app.use('*', requestLog(logger), securityHeaders(), compression());
  app.use('/api/*', wellFormedPaths(), bodyLimits());

  app.route('/', healthRoutes(db));
  app.route('/', authRoutes(authDeps, session, logger));
  app.route('/', pullRoutes(db.kysely, session, cursorSecret, pullGate));
  app.route('/', pushRoutes(db, session, { clock, logger }));
  app.route('/', staffRoutes(db, session));
  app.route('/', cashRoutes(db, session));
  app.route('/', importRoutes(db, session, { clock, logger }));
  app.route('/', blobRoutes(db, session, clock, logger, config.blobs));
  app.route('/', leaseRoutes(db, session, clock));
  app.route('/', paymentPointRoutes(db, session, clock));
  app.route('/', aboutPilotRoutes(db, session, clock));
  app.route('/', userRoutes(db, session, { clock, hashOptions: config.hashOptions }));
  app.route('/', receiptRoutes(db, session, { clock, logger }));
  app.route('/', deviceRoutes(db, session, logger));
  app.route('/', conflictRoutes(db, session));
  app.route('/', listRoutes(db, session, { clock, logger }));
  app.route('/', monthRoutes(db, session, { clock, logger }));
  app.route('/', batchRoutes(db, session, { clock, logger }));
  app.route('/', openedAccountRoutes(db, session, { clock, logger }));
  app.route('/', reportRoutes(db, session, clock));

  if (config.staticDir) mountStatic(app, config.staticDir, logger);

  app.notFound((c) => c.json(errorBody('not-found'), 404));

  app.onError((error, c) => {
    if (error instanceof HttpError) return c.json(errorBody(error.code), errorStatus[error.code]);
    // Hono's own 4xx (e.g. a body it could not read) are the client's fault, not ours.
    if (error instanceof HTTPException && error.status === 413) return c.json(errorBody('payload-too-large'), 413);
    if (error instanceof HTTPException && error.status < 500) return c.json(errorBody('invalid-body'), 400);
    logger.error('unhandled error', {
      requestId: c.get('requestId'),
      method: c.req.method,
      path: c.req.path,
      error: error.name,
      stack: error.stack ?? error.message,
    });
    return c.json(errorBody('internal'), 500);
  });

  return app;
}
