import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { readEnvConfig } from './env';

describe('readEnvConfig', () => {
  test('defaults: port 8080, SQLite under data/, demo password demo1234, 2000 demo beneficiaries', () => {
    expect(readEnvConfig({})).toEqual({
      port: 8080,
      database: { kind: 'sqlite', file: resolve('data/chitra.sqlite') },
      isProduction: false,
      demoPassword: 'demo1234',
      demoBeneficiaries: 2000,
      staticDir: resolve('dist/client'),
      trustProxy: false,
    });
    // Only an explicit 1 trusts X-Forwarded-For (a client could write anything there).
    expect(readEnvConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(true);
    expect(readEnvConfig({ TRUST_PROXY: 'yes' }).trustProxy).toBe(false);
  });

  test('PORT=0 asks for a random port; DATABASE_URL selects PostgreSQL; empty values fall back', () => {
    const config = readEnvConfig({
      PORT: '0',
      DATABASE_URL: 'postgres://u:p@db/chitra',
      NODE_ENV: 'production',
      DEMO_PASSWORD: '',
      DEMO_BENEFICIARIES: '50000',
      STATIC_DIR: '/srv/pwa',
    });
    expect(config).toMatchObject({
      port: 0,
      database: { kind: 'postgres', url: 'postgres://u:p@db/chitra' },
      isProduction: true,
      demoPassword: 'demo1234',
      demoBeneficiaries: 50000,
      staticDir: '/srv/pwa',
    });
    expect(readEnvConfig({ DATABASE_URL: '', SQLITE_FILE: '/tmp/x.sqlite' }).database).toEqual({
      kind: 'sqlite',
      file: '/tmp/x.sqlite',
    });
    expect(readEnvConfig({ PORT: 'abc' }).port).toBe(8080);
  });
});
