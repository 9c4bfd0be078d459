/**
 * Sign-in throttling (docs/protocol.md "Auth"; issue 13, finding 4). Every attempt is claimed —
 * counted and recorded — before its password is verified, under one lock, so parallel guesses
 * queue behind each other instead of all being verified. Nobody is locked out for good: a
 * username guessed from one address waits longer and longer after a few free failures (1 s, 2 s,
 * 4 s … up to the window), and a username guessed from many addresses waits at most a minute,
 * so its owner still gets in from their own device; an address guessing many usernames, and a
 * flood from everywhere, are capped within the window.
 */
import type { Kysely } from 'kysely';
import { lockKey } from '../db/dialect';
import type { Database } from '../db/schema';

export type ThrottlePolicy = {
  windowMs: number;
  /** Failures of one username from one address before the delays start. */
  freePerPair: number;
  /** Failures of one username from every address before its (short) delays start. */
  freePerUsername: number;
  /** The longest wait a username's failures from many addresses impose. */
  maxUsernameDelayMs: number;
  /** Failures from one address, any username, within the window. */
  maxPerAddress: number;
  /** Failures from everywhere within the window. */
  maxGlobal: number;
};

export const defaultThrottle: ThrottlePolicy = {
  windowMs: 15 * 60_000,
  freePerPair: 5,
  freePerUsername: 20,
  maxUsernameDelayMs: 60_000,
  maxPerAddress: 50,
  maxGlobal: 1000,
};

/** Failures within the window: how many, the first and the latest. */
export type Tally = { n: number; firstAt: number; lastAt: number };
export type Tallies = { pair: Tally; username: Tally; address: Tally; global: Tally };

export type ThrottleDecision = { ok: true } | { ok: false; retryAfterMs: number };

/** 1 s after the first failure past the free ones, doubling, up to `max`. */
const backoff = (failuresPastFree: number, max: number) => Math.min(1000 * 2 ** Math.min(failuresPastFree, 30), max);

/** Whether an attempt may be verified now, given the failures within the window. Pure. */
export function decide(policy: ThrottlePolicy, t: Tallies, now: number): ThrottleDecision {
  const waits: number[] = [];
  if (t.pair.n >= policy.freePerPair)
    waits.push(t.pair.lastAt + backoff(t.pair.n - policy.freePerPair, policy.windowMs) - now);
  if (t.username.n >= policy.freePerUsername)
    waits.push(t.username.lastAt + backoff(t.username.n - policy.freePerUsername, policy.maxUsernameDelayMs) - now);
  if (t.address.n >= policy.maxPerAddress) waits.push(t.address.firstAt + policy.windowMs - now);
  if (t.global.n >= policy.maxGlobal) waits.push(t.global.firstAt + policy.windowMs - now);
  const wait = Math.max(0, ...waits);
  return wait > 0 ? { ok: false, retryAfterMs: wait } : { ok: true };
}

/**
 * Claims an attempt: under one lock, decides from the failures within the window and, when it
 * may go on, records it as a failure until the password proves right (`forgiveAttempts`).
 */
export async function claimAttempt(
  db: Kysely<Database>,
  policy: ThrottlePolicy,
  who: { username: string; address: string; now: number },
): Promise<ThrottleDecision> {
  return db.transaction().execute(async (trx) => {
    await lockKey(trx, 'login-attempts');
    const since = who.now - policy.windowMs;
    await trx.deleteFrom('login_failures').where('at', '<=', since).execute();
    const tally = async (filter: { username?: string; address?: string }): Promise<Tally> => {
      let q = trx
        .selectFrom('login_failures')
        .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('at').as('first'), eb.fn.max('at').as('last')])
        .where('at', '>', since);
      if (filter.username !== undefined) q = q.where('username', '=', filter.username);
      if (filter.address !== undefined) q = q.where('address', '=', filter.address);
      const row = await q.executeTakeFirst();
      return { n: Number(row?.n ?? 0), firstAt: Number(row?.first ?? 0), lastAt: Number(row?.last ?? 0) };
    };
    const tallies: Tallies = {
      pair: await tally({ username: who.username, address: who.address }),
      username: await tally({ username: who.username }),
      address: await tally({ address: who.address }),
      global: await tally({}),
    };
    const decision = decide(policy, tallies, who.now);
    if (decision.ok)
      await trx
        .insertInto('login_failures')
        .values({ username: who.username, address: who.address, at: who.now })
        .execute();
    return decision;
  });
}

/** The right password from an address: its failures for the username are forgiven. */
export async function forgiveAttempts(db: Kysely<Database>, who: { username: string; address: string }): Promise<void> {
  await db
    .deleteFrom('login_failures')
    .where('username', '=', who.username)
    .where('address', '=', who.address)
    .execute();
}
