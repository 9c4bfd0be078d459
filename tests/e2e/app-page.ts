// Driving the PWA like a payer (payment list, pay page, signature) and reading what it stored
// in IndexedDB, for the write-path end-to-end tests.
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { E2E_PIN, newDevice, signIn } from './browser';

/** An outbox row as the app stores it (src/storage/app-db.ts `OutboxRow`). */
export type StoredOp = {
  seq: number;
  id: string;
  type: string;
  entityId: string;
  state: 'pending' | 'done' | 'conflict' | 'rejected';
  envelope: { id: string; deviceId: string; seq: number; payload: Record<string, unknown> };
  result: { status: string; code?: string } | null;
};

/**
 * All rows of one object store of the app's database, opened as the app would: rows sealed at rest
 * (src/storage/sealed-tables.ts, row-cipher.ts) and roster pages (roster-pages.ts) are decrypted
 * here with the test PIN, by WebCrypto and an independent reading of the format, so the tests
 * also check that what is stored is standard AES-GCM under the vault's key. A page's `data`
 * comes back as its JSON text.
 */
export async function readStore<T>(page: Page, store: string, pin = E2E_PIN): Promise<T[]> {
  return page.evaluate(
    async ({ name, pin }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('chitra');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(new Error(String(open.error)));
      });
      const all = (storeName: string) =>
        new Promise<Record<string, unknown>[]>((resolve, reject) => {
          const req = db.transaction(storeName).objectStore(storeName).getAll();
          req.onsuccess = () => resolve(req.result as Record<string, unknown>[]);
          req.onerror = () => reject(new Error(String(req.error)));
        });
      try {
        if (!db.objectStoreNames.contains(name)) return [];
        const rows = await all(name);
        const needsKey = rows.some((r) => '$sealed' in r || r['data'] instanceof Uint8Array);
        if (!needsKey) return rows as T[];
        // The data key, unwrapped with the PIN as the app does (src/storage/vault.ts).
        const vault = (await all('kv')).find((r) => r['key'] === 'vault')?.['value'] as
          { byPin: { salt: string; iterations: number; key: string } | null } | undefined;
        if (!vault?.byPin) throw new Error('no PIN copy of the data key to read the store with');
        const bytes = (b64: string) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        const enc = new TextEncoder();
        const base = await crypto.subtle.importKey('raw', enc.encode(pin), 'PBKDF2', false, ['deriveKey']);
        const wrapping = await crypto.subtle.deriveKey(
          { name: 'PBKDF2', hash: 'SHA-256', salt: bytes(vault.byPin.salt), iterations: vault.byPin.iterations },
          base,
          { name: 'AES-KW', length: 256 },
          false,
          ['unwrapKey'],
        );
        const key = await crypto.subtle.unwrapKey('raw', bytes(vault.byPin.key), wrapping, 'AES-KW', 'AES-GCM', false, [
          'decrypt',
        ]);
        const decrypt = async (sealed: Uint8Array<ArrayBuffer>, context: string) =>
          new Uint8Array(
            await crypto.subtle.decrypt(
              { name: 'AES-GCM', iv: sealed.subarray(0, 12), additionalData: enc.encode(context) },
              key,
              sealed.subarray(12),
            ),
          );
        const primaryKey = db.transaction(name).objectStore(name).keyPath as string;
        const out: unknown[] = [];
        for (const row of rows) {
          if (row['data'] instanceof Uint8Array) {
            const text = new TextDecoder().decode(
              await decrypt(row['data'] as Uint8Array<ArrayBuffer>, `rosterPages\n${String(row['stamp'])}`),
            );
            out.push({ ...row, data: text });
          } else if ('$sealed' in row) {
            const plain = await decrypt(
              row['$sealed'] as Uint8Array<ArrayBuffer>,
              `${name}\n${JSON.stringify(row[primaryKey])}`,
            );
            // `u32 JSON length, JSON, (u32 length, bytes)*`; binary parts come back as their length.
            const view = new DataView(plain.buffer, plain.byteOffset, plain.byteLength);
            const length = view.getUint32(0);
            out.push(JSON.parse(new TextDecoder().decode(plain.subarray(4, 4 + length))));
          } else out.push(row);
        }
        return out as T[];
      } finally {
        db.close();
      }
    },
    { name: store, pin },
  );
}

/**
 * Every person on the device as the app sees them (storage/roster-pages.ts): the latest copy in
 * the roster pages, edited records on top.
 */
export async function readRoster<T extends { id: string }>(page: Page): Promise<T[]> {
  const pages = await readStore<{ no: number; data: string }>(page, 'rosterPages');
  const rows = new Map<string, T>();
  for (const stored of pages.sort((a, b) => a.no - b.no)) {
    const content = JSON.parse(stored.data) as { rows: T[]; deleted: string[] };
    for (const row of content.rows) rows.set(row.id, row);
    for (const id of content.deleted) rows.delete(id);
  }
  for (const row of await readStore<T>(page, 'beneficiaries')) rows.set(row.id, row);
  return [...rows.values()];
}

export async function readKv<T>(page: Page, key: string): Promise<T | undefined> {
  const rows = await readStore<{ key: string; value: T }>(page, 'kv');
  return rows.find((r) => r.key === key)?.value;
}

export const readOutbox = (page: Page) => readStore<StoredOp>(page, 'outbox');

/** Waits until the first pull after signing in has finished. */
export async function waitForBootstrap(page: Page): Promise<void> {
  await expect.poll(() => page.getByTestId('sync-last').textContent(), { timeout: 90_000 }).not.toBe('chưa đồng bộ');
  // Lazy screens are fetched once the roster has painted and the browser is idle; a test that
  // then goes offline without a service worker (as a first visit does) needs them loaded.
  await expect.poll(() => page.evaluate(() => document.documentElement.dataset['screens'])).toBe('loaded');
}

/** A new device (its own browser context) signed in as `username`, its first pull done. */
export async function signedInPage(browser: Browser, baseUrl: string, username: string): Promise<Page> {
  const page = await (await newDevice(browser, baseUrl)).newPage();
  await signIn(page, username);
  await waitForBootstrap(page);
  return page;
}

export const pendingText = (page: Page) => page.getByTestId('sync-pending').textContent();

/**
 * Goes to the payment list through the app's own navigation (no page load: works offline
 * without a service worker too).
 */
export async function gotoPaymentList(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Chính' }).getByRole('link', { name: 'Chi trả', exact: true }).click();
  await expect.poll(() => page.locator('a.pay-item').count(), { timeout: 30_000 }).toBeGreaterThan(0);
}

/** The id of the first open line on the payment list (`/chi-tra`), after `skip` others. */
export async function openLineId(page: Page, skip = 0): Promise<string> {
  await gotoPaymentList(page);
  const links = page.locator('a.pay-item.status-due');
  await expect.poll(() => links.count(), { timeout: 30_000 }).toBeGreaterThan(skip);
  const href = (await links.nth(skip).getAttribute('href')) ?? '';
  return decodeURIComponent(href.replace(/^\/chi-tra\//u, ''));
}

/** Draws a stroke on the signature pad and waits until the pad has produced its PNG. */
export async function drawSignature(page: Page): Promise<void> {
  const canvas = page.locator('.signature canvas');
  // Mouse coordinates are the viewport's: the pad must be on screen.
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  if (!box) throw new Error('signature pad not visible');
  await page.mouse.move(box.x + 20, box.y + box.height / 2);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++) await page.mouse.move(box.x + 20 + i * 25, box.y + box.height / 2 + (i % 2 ? 18 : -18));
  await page.mouse.up();
  // The pad encodes on pointer-up (canvas.toBlob, asynchronous); encodings finish in order,
  // so once ours has, the pad's PNG has reached the form.
  await canvas.evaluate((c: HTMLCanvasElement) => new Promise((resolve) => c.toBlob(resolve, 'image/png')));
  await expect.poll(() => page.getByRole('button', { name: 'Ký lại' }).isEnabled()).toBe(true);
}

export type PayInput =
  | { receiver: 'self'; sign?: boolean }
  | { receiver: 'guardian' | 'authorized'; fullName: string; idNumber: string; sign?: boolean };

const receiverLabels = {
  self: 'Đối tượng tự nhận',
  guardian: 'Người giám hộ',
  authorized: 'Người được ủy quyền',
} as const;

/** Records on the pay page that the receiver's card could not be checked (the first reason). */
export async function skipCardCheck(page: Page): Promise<void> {
  await page.getByText('Không kiểm tra được thẻ', { exact: true }).click();
  await page.getByRole('button', { name: 'Ghi lý do và tiếp tục' }).click();
  await expect.poll(() => page.getByTestId('receiver-check-result').getAttribute('data-method')).toBe('not-possible');
}

/** Pays a line on its pay page (card check skipped with a reason) and returns the receipt code. */
export async function payLine(page: Page, lineId: string, input: PayInput): Promise<string> {
  await gotoPaymentList(page);
  await page.locator(`a.pay-item[href="/chi-tra/${encodeURIComponent(lineId)}"]`).click();
  await page.getByRole('radio', { name: receiverLabels[input.receiver] }).check();
  if (input.receiver !== 'self') {
    await page.getByLabel('Họ tên người nhận', { exact: true }).fill(input.fullName);
    await page.getByLabel('Số CCCD người nhận', { exact: true }).fill(input.idNumber);
  }
  await skipCardCheck(page);
  if (input.sign) await drawSignature(page);
  await page.getByRole('button', { name: 'Xác nhận đã chi trả' }).click();
  const code = page.getByTestId('receipt-code');
  await expect.poll(() => code.count(), { timeout: 15_000 }).toBe(1);
  return (await code.textContent()) ?? '';
}
