import { describe, expect, test } from 'vitest';
import { fromBase64, toBase64 } from './base64';
import {
  checkSealPassword,
  isSealedFile,
  openSealed,
  SEAL_ITERATIONS,
  sealText,
  type SealedEnvelope,
} from './outbox-seal';

const plain = JSON.stringify({ format: 'chitra-outbox', note: 'Nguyễn Thị Hoà đã nhận 500.000 đồng' });

async function sealed(text = plain, password = 'mật khẩu tốt'): Promise<SealedEnvelope> {
  const result = await sealText(text, password);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

/** The same envelope with one byte of a base64 field flipped. */
function flipped(envelope: SealedEnvelope, field: 'iv' | 'ciphertext', at: number): SealedEnvelope {
  const bytes = fromBase64(envelope[field]);
  bytes[at] = (bytes[at] ?? 0) ^ 0x01;
  return { ...envelope, [field]: toBase64(bytes) };
}

describe('sealing an export with a password', { timeout: 20_000 }, () => {
  test('round trip: the same password opens exactly the text sealed, and the file shows none of it', async () => {
    const envelope = await sealed();
    expect(Object.keys(envelope).sort()).toEqual(['ciphertext', 'format', 'iv', 'kdf', 'version']);
    expect(envelope).toMatchObject({
      format: 'chitra-outbox-sealed',
      version: 1,
      kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: SEAL_ITERATIONS },
    });
    expect(SEAL_ITERATIONS).toBeGreaterThanOrEqual(310_000);
    expect(fromBase64(envelope.kdf.salt)).toHaveLength(16);
    expect(fromBase64(envelope.iv)).toHaveLength(12);
    const file = JSON.stringify(envelope);
    expect(file).not.toContain('Hoà');
    expect(file).not.toContain('chitra-outbox"');
    // Read back from the file's text, as the devices screen does.
    expect(await openSealed(file, 'mật khẩu tốt')).toEqual({ ok: true, value: plain });
  });

  test('each sealing draws a new salt and IV', async () => {
    const [a, b] = [await sealed(), await sealed()];
    expect(a.kdf.salt).not.toBe(b.kdf.salt);
    expect(a.iv).not.toBe(b.iv);
    expect(a.ciphertext).not.toBe(b.ciphertext);
  });

  test('a password typed decomposed (NFD) opens a file sealed with it composed', async () => {
    const envelope = await sealed(plain, 'Hoà Bình 2025'.normalize('NFC'));
    expect(await openSealed(envelope, 'Hoà Bình 2025'.normalize('NFD'))).toEqual({ ok: true, value: plain });
  });

  test('a wrong password is refused with its code, never garbage', async () => {
    const envelope = await sealed();
    expect(await openSealed(envelope, 'mật khẩu sai')).toEqual({ ok: false, error: 'wrong-password' });
    expect(await openSealed(envelope, 'Mật khẩu tốt')).toEqual({ ok: false, error: 'wrong-password' });
    expect(await openSealed(envelope, '')).toEqual({ ok: false, error: 'wrong-password' });
  });

  test('a changed byte of the ciphertext, its tag or the IV is refused', async () => {
    const envelope = await sealed();
    const length = fromBase64(envelope.ciphertext).length;
    for (const changed of [flipped(envelope, 'ciphertext', 0), flipped(envelope, 'ciphertext', length - 1)])
      expect(await openSealed(changed, 'mật khẩu tốt')).toEqual({ ok: false, error: 'wrong-password' });
    expect(await openSealed(flipped(envelope, 'iv', 5), 'mật khẩu tốt')).toEqual({
      ok: false,
      error: 'wrong-password',
    });
    const otherSalt = { ...envelope, kdf: { ...envelope.kdf, salt: toBase64(new Uint8Array(16)) } };
    expect(await openSealed(otherSalt, 'mật khẩu tốt')).toEqual({ ok: false, error: 'wrong-password' });
    const truncated = { ...envelope, ciphertext: toBase64(fromBase64(envelope.ciphertext).subarray(0, length - 1)) };
    expect(await openSealed(truncated, 'mật khẩu tốt')).toEqual({ ok: false, error: 'wrong-password' });
  });

  test('an envelope with a wrong, missing or extra field is refused before any decryption', async () => {
    const envelope = await sealed();
    const { iv: _iv, ...noIv } = envelope;
    const bad: unknown[] = [
      { ...envelope, version: 2 },
      noIv,
      { ...envelope, extra: 'x' },
      { ...envelope, kdf: { ...envelope.kdf, iterations: 1000 } },
      { ...envelope, kdf: { ...envelope.kdf, iterations: 1e9 } },
      { ...envelope, kdf: { ...envelope.kdf, hash: 'SHA-1' } },
      { ...envelope, kdf: { ...envelope.kdf, salt: toBase64(new Uint8Array(8)) } },
      { ...envelope, iv: toBase64(new Uint8Array(16)) },
      { ...envelope, ciphertext: `${envelope.ciphertext.slice(0, -4)}!!!!` },
      { ...envelope, ciphertext: toBase64(new Uint8Array(15)) },
    ];
    for (const file of bad)
      expect(await openSealed(file, 'mật khẩu tốt'), JSON.stringify(file)).toEqual({
        ok: false,
        error: 'bad-envelope',
      });
  });

  test('a file that is not a sealed export says so: the plain export, other JSON, not JSON', async () => {
    for (const file of [plain, '{"format":"chitra-outbox","ops":[]}', 'not json {', null, 42, []])
      expect(await openSealed(file, 'mật khẩu tốt')).toEqual({ ok: false, error: 'not-sealed' });
    expect(isSealedFile(JSON.parse(plain))).toBe(false);
    expect(isSealedFile(await sealed())).toBe(true);
  });
});

describe('the password chosen to seal', () => {
  test('needs 8 characters, counted as letters, not bytes or marks', async () => {
    expect(checkSealPassword('1234567')).toBe('too-short');
    expect(checkSealPassword('12345678')).toBeNull();
    // 7 Vietnamese letters are 7 characters even when typed decomposed.
    expect(checkSealPassword('ệệệệệệệ'.normalize('NFD'))).toBe('too-short');
    expect(checkSealPassword('ệệệệệệệệ'.normalize('NFD'))).toBeNull();
    expect(await sealText(plain, 'ngắn')).toEqual({ ok: false, error: 'too-short' });
  });

  test('typed twice, both must match', () => {
    expect(checkSealPassword('mật khẩu tốt', 'mật khẩu tot')).toBe('mismatch');
    expect(checkSealPassword('mật khẩu tốt', 'mật khẩu tốt'.normalize('NFD'))).toBeNull();
    expect(checkSealPassword('ngắn', 'khác')).toBe('too-short');
  });
});
