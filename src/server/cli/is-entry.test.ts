import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, expect, test } from 'vitest';
import { isEntry } from './is-entry';

const dir = mkdtempSync(join(tmpdir(), 'chitra-entry-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('a server started through a symlinked release folder is the entry; another script is not', () => {
  // release-1/main.js, and `current` → release-1, as a deployment lays them out.
  mkdirSync(join(dir, 'release-1'));
  const script = join(dir, 'release-1', 'main.js');
  writeFileSync(script, '');
  symlinkSync(join(dir, 'release-1'), join(dir, 'current'));
  // Node gives the module its real path, and argv the path as typed.
  const moduleUrl = pathToFileURL(script).href;

  expect(isEntry(moduleUrl, script)).toBe(true);
  expect(isEntry(moduleUrl, join(dir, 'current', 'main.js'))).toBe(true);
  expect(isEntry(moduleUrl, join(dir, 'release-1', 'user-add.js'))).toBe(false);
  expect(isEntry(moduleUrl, undefined)).toBe(false);
});
