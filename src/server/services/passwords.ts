/** Password hashing: Argon2id (the library's default algorithm) with configurable cost. */
import { hash, verify } from '@node-rs/argon2';

export type HashOptions = { memoryCost: number; timeCost: number };

/** OWASP's Argon2id minimum (19 MiB, 2 passes): about 30 ms per hash on a laptop. */
export const defaultHashOptions: HashOptions = { memoryCost: 19456, timeCost: 2 };

/** Cheap settings for tests only: keeps suites fast; never used by main.ts. */
export const testHashOptions: HashOptions = { memoryCost: 256, timeCost: 1 };

// `algorithm` is left out on purpose: Argon2id is the default, and the package's `Algorithm`
// is an ambient const enum that `isolatedModules` cannot read. A test checks the `$argon2id$` prefix.
export function hashPassword(password: string, options: HashOptions): Promise<string> {
  return hash(password.normalize('NFC'), { ...options, parallelism: 1 });
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password.normalize('NFC'));
  } catch {
    // A malformed stored hash is not a match; it must not turn a login into a 500.
    return false;
  }
}

/**
 * A hash of a random string with the same cost as real ones: verified when the username is
 * unknown, so "no such user" takes as long as "wrong password".
 */
export function createDummyHash(options: HashOptions): () => Promise<string> {
  let dummy: Promise<string> | undefined;
  return () => (dummy ??= hashPassword(`dummy-${Math.random()}`, options));
}
