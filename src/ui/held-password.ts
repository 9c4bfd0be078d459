/**
 * The password just typed at sign-in (or set on the new-password screen), kept in memory only until
 * the PIN step wraps the device's data key under it (storage/vault.ts), so the user does not type
 * it twice. Forgotten after use, or after a few minutes, and never stored.
 */
const FORGET_AFTER_MS = 5 * 60_000;

let held: string | null = null;
let timer: ReturnType<typeof setTimeout> | null = null;

export function holdPassword(password: string): void {
  held = password;
  if (timer) clearTimeout(timer);
  timer = setTimeout(forgetHeldPassword, FORGET_AFTER_MS);
}

export function heldPassword(): string | null {
  return held;
}

export function forgetHeldPassword(): void {
  held = null;
  if (timer) clearTimeout(timer);
  timer = null;
}
