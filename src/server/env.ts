/** The only module that reads `process.env`: the server's settings (README "Configuration"). */
import { resolve } from 'node:path';
import type { DatabaseConfig } from './db/database';

export type EnvConfig = {
  port: number;
  database: DatabaseConfig;
  isProduction: boolean;
  demoPassword: string;
  demoBeneficiaries: number;
  staticDir: string;
  /** `TRUST_PROXY=1` behind a reverse proxy that sets `X-Forwarded-For`. */
  trustProxy: boolean;
};

export function readEnvConfig(env: NodeJS.ProcessEnv = process.env): EnvConfig {
  const port = Number(env['PORT'] || 8080);
  const beneficiaries = Number(env['DEMO_BENEFICIARIES'] || 2000);
  return {
    port: Number.isInteger(port) && port >= 0 && port < 65536 ? port : 8080,
    database: env['DATABASE_URL']
      ? { kind: 'postgres', url: env['DATABASE_URL'] }
      : { kind: 'sqlite', file: resolve(env['SQLITE_FILE'] || 'data/chitra.sqlite') },
    isProduction: env['NODE_ENV'] === 'production',
    demoPassword: env['DEMO_PASSWORD'] || 'demo1234',
    demoBeneficiaries: Number.isInteger(beneficiaries) && beneficiaries >= 0 ? beneficiaries : 2000,
    staticDir: resolve(env['STATIC_DIR'] || 'dist/client'),
    trustProxy: env['TRUST_PROXY'] === '1',
  };
}
