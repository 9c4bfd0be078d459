/**
 * The device's data key while the app is unlocked (issue 13, "Lock and encryption at rest";
 * vault.ts keeps it wrapped). One per database connection (`AppDb.keyring`):
 *
 * - `unknown`: the app has not read its vault yet; nothing sealed can be read or written.
 * - `no-vault`: nobody has set a PIN on this device (signed out, or signed in and not yet past
 *   the PIN step): rows are written as they are; `sealExisting` seals them once a vault exists.
 * - `locked`: a vault exists and the key is not in memory: sealed rows neither open nor get written.
 * - `unlocked`: the key is in memory, as a WebCrypto key (roster pages) and as raw bytes (rows,
 *   row-cipher.ts). Locking forgets both.
 */
export type KeyringState = 'unknown' | 'no-vault' | 'locked' | 'unlocked';

/** Reading or writing sealed data while the device is locked. */
export class DeviceLockedError extends Error {
  constructor() {
    super('device-locked');
    this.name = 'DeviceLockedError';
  }
}

export class Keyring {
  #state: KeyringState;
  #key: CryptoKey | null = null;
  #raw: Uint8Array | null = null;
  readonly #listeners = new Set<(state: KeyringState) => void>();

  constructor(initial: KeyringState) {
    this.#state = initial;
  }

  get state(): KeyringState {
    return this.#state;
  }

  /** The raw data key, or null when rows are written unsealed (no vault yet). Throws when locked. */
  rawKeyForWrite(): Uint8Array | null {
    if (this.#state === 'no-vault') return null;
    if (!this.#raw) throw new DeviceLockedError();
    return this.#raw;
  }

  rawKey(): Uint8Array {
    if (!this.#raw) throw new DeviceLockedError();
    return this.#raw;
  }

  /** The data key for WebCrypto, or null when nothing is sealed yet (no vault). Throws when locked. */
  cryptoKeyForWrite(): CryptoKey | null {
    if (this.#state === 'no-vault') return null;
    if (!this.#key) throw new DeviceLockedError();
    return this.#key;
  }

  cryptoKey(): CryptoKey {
    if (!this.#key) throw new DeviceLockedError();
    return this.#key;
  }

  async unlock(key: CryptoKey): Promise<void> {
    this.#raw = new Uint8Array(await crypto.subtle.exportKey('raw', key));
    this.#key = key;
    this.#set('unlocked');
  }

  /** Forgets the key (idle, the lock button); `no-vault` when the vault itself went (a wipe). */
  lock(state: 'locked' | 'no-vault' = 'locked'): void {
    this.#raw?.fill(0);
    this.#raw = null;
    this.#key = null;
    this.#set(state);
  }

  subscribe(listener: (state: KeyringState) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #set(state: KeyringState): void {
    if (state === this.#state) return;
    this.#state = state;
    for (const listener of this.#listeners) listener(state);
  }
}
