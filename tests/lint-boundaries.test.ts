// The layer boundaries of docs/style.md §2.3 fail when broken: each case lints a snippet as if it
// were a file in a given folder, through the project's own .eslint.config.js.
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import tseslint from 'typescript-eslint';
import { describe, expect, test } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

// The boundary rules need no type information: linting without it keeps each case fast and lets
// the snippets live at paths that do not exist (typed linting only knows files on disk).
const eslint = new ESLint({
  cwd: root,
  overrideConfigFile: '.eslint.config.js',
  overrideConfig: [{ files: ['**/*.{ts,tsx}'], ...tseslint.configs.disableTypeChecked }],
});

const boundaryRules = ['no-restricted-imports', 'no-restricted-syntax', 'no-restricted-globals'];

/** The boundary errors for `code` as the file `filePath`. */
async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\n`, { filePath });
  if (!result) throw new Error(`no lint result for ${filePath}`);
  // A snippet that does not parse would pass vacuously.
  const fatal = result.messages.find((m) => m.fatal);
  if (fatal) throw new Error(`${filePath}: ${fatal.message}`);
  return result.messages
    .filter((m) => m.ruleId !== null && boundaryRules.includes(m.ruleId))
    .map((m) => `${m.ruleId ?? ''}: ${m.message}`);
}

describe('docs/style.md §2.3 boundaries', () => {
  test.each([
    ['client code importing the server', 'src/features/roster/x.ts', "import { createApp } from '../../server/app';"],
    ['app importing the server', 'src/app/x.ts', "export { createApp } from '../server/app';"],
    ['React in domain', 'src/domain/x.ts', "import { useState } from 'react';"],
    ['Dexie in domain', 'src/domain/x.ts', "import Dexie from 'dexie';"],
    ['a Node builtin in protocol', 'src/protocol/x.ts', "import { readFileSync } from 'node:fs';"],
    ['storage in domain', 'src/domain/x.ts', "import { getKv } from '../storage/kv';"],
    ['ui value-importing storage', 'src/ui/x.ts', "import { getKv } from '../storage/kv';"],
    ['ui value-importing sync', 'src/ui/x.ts', "import { loadSession, type Session } from '../sync/session';"],
    ['ui importing a feature', 'src/ui/x.ts', "import { ScanCard } from '../features/person/scan-card';"],
    [
      'a feature importing another',
      'src/features/id-check/x.ts',
      "import { useRosterCount } from '../roster/use-roster';",
    ],
    [
      'a feature importing another by a longer path',
      'src/features/person/x.tsx',
      "import '../../features/payments/pay-page';",
    ],
    [
      'a feature importing the app',
      'src/features/person/x.ts',
      "import { createServices } from '../../app/create-services';",
    ],
    ['storage importing React', 'src/storage/x.ts', "import { useEffect } from 'react';"],
    ['storage importing dexie-react-hooks', 'src/storage/x.ts', "import { useLiveQuery } from 'dexie-react-hooks';"],
    ['sync importing React', 'src/sync/x.ts', "import { useSyncExternalStore } from 'react';"],
    ['sync importing the ui', 'src/sync/x.ts', "import { t } from '../ui/messages';"],
    ['storage importing sync', 'src/storage/x.ts', "import { loadSession } from '../sync/session';"],
    [
      'the server importing client code',
      'src/server/routes/x.ts',
      "import { createAppDb } from '../../storage/app-db';",
    ],
    ['the server importing React', 'src/server/x.ts', "import { useState } from 'react';"],
    ['lib importing a package other than zod', 'src/lib/x.ts', "import { Hono } from 'hono';"],
    ['dynamic import of the server from a feature', 'src/features/roster/x.ts', "void import('../../server/app');"],
    ['dynamic import of the server from the app', 'src/app/x.ts', "void import('../server/main');"],
    ['dynamic import of storage from the ui', 'src/ui/x.ts', "void import('../storage/kv');"],
    ['dynamic import of another feature', 'src/features/person/x.ts', "void import('../id-check/id-check-page');"],
    ['dynamic import of client code from the server', 'src/server/routes/x.ts', "void import('../../ui/messages');"],
    ['dynamic import in domain', 'src/domain/x.ts', "void import('zod');"],
    ['window in domain', 'src/domain/x.ts', 'export const width = () => window.innerWidth;'],
    ['process in protocol', 'src/protocol/x.ts', "export const env = () => process.env['X'];"],
    ['timers in domain', 'src/domain/x.ts', 'export const later = (f: () => void) => setTimeout(f, 1);'],
    ['globalThis in lib', 'src/lib/x.ts', 'export const host = () => (globalThis as { location?: unknown }).location;'],
    ['the clock in domain', 'src/domain/x.ts', 'export const today = () => Date.now();'],
    ['new Date() in protocol', 'src/protocol/x.ts', 'export const now = () => new Date();'],
    ['chance in domain', 'src/domain/x.ts', 'export const pick = () => Math.random();'],
  ])('fails: %s', async (_name, filePath, code) => {
    const errors = await boundaryErrors(filePath, code);
    expect(errors.length).toBeGreaterThan(0);
    // Every message says why: the table it comes from.
    for (const error of errors) expect(error).toMatch(/docs\/style\.md §2\.[36]/u);
  });

  test.each([
    ['domain importing lib', 'src/domain/x.ts', "import { ok } from '../lib/result';\nexport const y = ok(1);"],
    [
      'protocol importing domain and zod',
      'src/protocol/x.ts',
      "import { z } from 'zod';\nimport type { Vnd } from '../domain/money';\nexport const s = z.number();\nexport type V = Vnd;",
    ],
    [
      'ui type-importing storage and sync',
      'src/ui/x.ts',
      "import type { AppDb } from '../storage/app-db';\nimport type { Session } from '../sync/session';\nexport type X = [AppDb, Session];",
    ],
    [
      'ui importing domain and html5-qrcode',
      'src/ui/x.ts',
      "import { Html5Qrcode } from 'html5-qrcode';\nimport { formatVnd } from '../domain/money';\nexport const y = [Html5Qrcode, formatVnd];",
    ],
    [
      'a feature importing its own files, ui, storage and sync',
      'src/features/person/x.ts',
      "import { ScanCard } from './scan-card';\nimport { ScannerPanel } from '../../ui/scanner-panel';\nimport { recordOp } from '../../storage/outbox';\nimport { loadSession } from '../../sync/session';\nexport const y = [ScanCard, ScannerPanel, recordOp, loadSession];",
    ],
    [
      'the feature called sync importing the sync layer',
      'src/features/sync/x.ts',
      "import { loadSession } from '../../sync/session';\nexport const y = loadSession;",
    ],
    [
      'the app loading a screen lazily',
      'src/app/x.ts',
      "export const load = () => import('../features/person/person-page');",
    ],
    [
      'storage importing dexie and protocol',
      'src/storage/x.ts',
      "import Dexie from 'dexie';\nimport type { Op } from '../protocol/ops';\nexport const y = Dexie;\nexport type O = Op;",
    ],
    [
      'the server importing its own app and domain',
      'src/server/routes/x.ts',
      "import { createApp } from '../app';\nimport { formatVnd } from '../../domain/money';\nexport const y = [createApp, formatVnd];",
    ],
    [
      'lib reading the clock and crypto',
      'src/lib/x.ts',
      'export const now = () => Date.now();\nexport const id = () => crypto.randomUUID();',
    ],
    [
      'domain using Intl and dates passed in',
      'src/domain/x.ts',
      "export const f = (ms: number) => new Intl.DateTimeFormat('vi').format(new Date(ms));",
    ],
  ])('passes: %s', async (_name, filePath, code) => {
    expect(await boundaryErrors(filePath, code)).toEqual([]);
  });
});
