/**
 * A scripted sync server behind the real `Transport` type, for the sync tests only: it keeps the
 * rules of docs/protocol.md that the device depends on (one answer per op, a replay answers `duplicate`,
 * an op by someone other than the token's user is `forbidden`, an ended token answers 401).
 */
import { PROTOCOL_VERSION } from '../protocol/common';
import type { User } from '../protocol/auth';
import type { PullResponse } from '../protocol/pull';
import type { PayoutTransport } from './payout-transport';
import { TransportError, type PushAnswer, type PushBody, type Transport } from './transport';

const notUsed = () => Promise.reject(new Error('not used by these tests'));
/** The online supervisors' payout calls: no sync test makes them. */
const unusedPayout: PayoutTransport = {
  listProviders: notUsed,
  putProvider: notUsed,
  putResultMapping: notUsed,
  listBatches: notUsed,
  getBatch: notUsed,
  createBatch: notUsed,
  batchStep: notUsed,
  batchFile: notUsed,
  previewResults: notUsed,
  applyResults: notUsed,
  rerouteFailed: notUsed,
};

type PushResult = PushAnswer['results'][number];

export type FakeTransport = Transport & {
  /** Every call's kind, in order. */
  calls: ('login' | 'logout' | 'pull' | 'push' | 'putBlob')[];
  /** Every push, in order: the token it carried and the body. */
  pushes: { token: string; body: PushBody }[];
  pulls: { token: string; cursor: string | null }[];
  blobPuts: { token: string; hash: string; type: string }[];
  logins: string[];
  loggedOut: string[];
  /** How many times each op id was applied (recorded as a fact) by this server. */
  applied: Map<string, number>;
  /** Failures thrown by the next calls of a kind, one per call, in order. */
  failNext: (kind: 'push' | 'pull' | 'putBlob', ...errors: Error[]) => void;
  /** A blob the server refuses (or fails on) every time. */
  failBlob: (hash: string, error: Error) => void;
  /** Runs `hook` as each call of `kind` arrives, before it is answered (null: no more). */
  onCall: (kind: 'push' | 'pull', hook: (() => void) | null) => void;
  /** The answer for an op, instead of the default (applied, or duplicate on a replay). */
  answerFor: (opId: string, result: Omit<PushResult, 'id'>) => void;
  addUser: (user: User, password: string) => void;
  issueToken: (userId: string) => string;
  /** The token stops working: every call with it answers 401 `token-expired`. */
  expire: (token: string) => void;
};

/** A TransportError as the HTTP transport makes it from an error body. */
export function httpFailure(code: string, status: number, message = `Lỗi ${code}`): TransportError {
  return new TransportError(code, message, status);
}

/** Answers asynchronously, as a network would; a throw becomes a rejection. */
function answerLater<T>(answer: () => T): Promise<T> {
  return Promise.resolve().then(answer);
}

export function createFakeTransport(): FakeTransport {
  const users = new Map<string, { user: User; password: string }>();
  const tokens = new Map<string, string>();
  const first = new Map<string, PushResult>();
  const failures: Record<'push' | 'pull' | 'putBlob', Error[]> = { push: [], pull: [], putBlob: [] };
  const blobFailures = new Map<string, Error>();
  const scripted = new Map<string, Omit<PushResult, 'id'>>();
  const hooks: Partial<Record<'push' | 'pull', () => void>> = {};
  let tokenCount = 0;

  function userOf(token: string): User {
    const userId = tokens.get(token);
    const entry = [...users.values()].find((u) => u.user.id === userId);
    if (!entry) throw httpFailure('token-expired', 401);
    return entry.user;
  }

  function failIfScripted(kind: 'push' | 'pull' | 'putBlob'): void {
    const failure = failures[kind].shift();
    if (failure) throw failure;
  }

  function answer(op: Record<string, unknown>, user: User): PushResult {
    const id = String(op['id']);
    const seen = first.get(id);
    if (seen) return { id, status: 'duplicate', code: seen.status };
    const result: PushResult =
      op['actorId'] !== user.id
        ? { id, status: 'rejected', code: 'forbidden', message: 'Bạn không có quyền thực hiện thao tác này.' }
        : { id, status: 'applied', version: 1, ...scripted.get(id) };
    first.set(id, result);
    if (result.status === 'applied' || result.status === 'conflict')
      fake.applied.set(id, (fake.applied.get(id) ?? 0) + 1);
    return result;
  }

  const fake: FakeTransport = {
    calls: [],
    pushes: [],
    pulls: [],
    blobPuts: [],
    logins: [],
    loggedOut: [],
    applied: new Map(),
    failNext: (kind, ...errors) => failures[kind].push(...errors),
    failBlob: (hash, error) => blobFailures.set(hash, error),
    answerFor: (opId, result) => scripted.set(opId, result),
    onCall: (kind, hook) => {
      if (hook) hooks[kind] = hook;
      else delete hooks[kind];
    },
    addUser: (user, password) => users.set(user.username, { user, password }),
    issueToken: (userId) => {
      const token = `token-${++tokenCount}`;
      tokens.set(token, userId);
      return token;
    },
    expire: (token) => tokens.delete(token),

    login: ({ username, password }) =>
      answerLater(() => {
        fake.calls.push('login');
        fake.logins.push(username);
        const entry = users.get(username);
        if (!entry || entry.password !== password) throw httpFailure('invalid-credentials', 401);
        return {
          protocol: PROTOCOL_VERSION,
          token: fake.issueToken(entry.user.id),
          expiresAt: '2027-01-01T00:00:00.000Z',
          user: entry.user,
        };
      }),
    logout: (token) =>
      answerLater(() => {
        fake.calls.push('logout');
        fake.loggedOut.push(token);
        tokens.delete(token);
      }),
    me: (token) => answerLater(() => userOf(token)),
    pull: (token, cursor) =>
      answerLater((): PullResponse => {
        fake.calls.push('pull');
        fake.pulls.push({ token, cursor });
        hooks.pull?.();
        failIfScripted('pull');
        userOf(token);
        return { protocol: PROTOCOL_VERSION, cursor: `cursor-${fake.pulls.length}`, hasMore: false, changes: [] };
      }),
    push: (token, body) =>
      answerLater(() => {
        fake.calls.push('push');
        fake.pushes.push({ token, body });
        hooks.push?.();
        failIfScripted('push');
        const user = userOf(token);
        return {
          protocol: PROTOCOL_VERSION,
          serverTime: new Date().toISOString(),
          results: body.ops.map((op) => answer(op, user)),
        };
      }),
    importOps: () => Promise.reject(new Error('not used by these tests')),
    putBlob: (token, hash, type) =>
      answerLater(() => {
        fake.calls.push('putBlob');
        fake.blobPuts.push({ token, hash, type });
        failIfScripted('putBlob');
        userOf(token);
        const failure = blobFailures.get(hash);
        if (failure) throw failure;
      }),
    listDevices: () => Promise.reject(new Error('not used by these tests')),
    setDeviceStatus: () => Promise.reject(new Error('not used by these tests')),
    listConflicts: () => Promise.reject(new Error('not used by these tests')),
    listLists: () => Promise.reject(new Error('not used by these tests')),
    getList: () => Promise.reject(new Error('not used by these tests')),
    importList: () => Promise.reject(new Error('not used by these tests')),
    listStep: () => Promise.reject(new Error('not used by these tests')),
    getClosing: () => Promise.reject(new Error('not used by these tests')),
    listPayers: () => Promise.reject(new Error('not used by these tests')),
    getCash: () => Promise.reject(new Error('not used by these tests')),
    setPaymentSchedule: () => Promise.reject(new Error('not used by these tests')),
    setAboutPilot: () => Promise.reject(new Error('not used by these tests')),
    saveListMapping: () => Promise.reject(new Error('not used by these tests')),
    findingsFile: () => Promise.reject(new Error('not used by these tests')),
    exportList: () => Promise.reject(new Error('not used by these tests')),
    setDecreaseReasons: () => Promise.reject(new Error('not used by these tests')),
    setMatches: () => Promise.reject(new Error('not used by these tests')),
    setFieldOutcomes: () => Promise.reject(new Error('not used by these tests')),
    closeMonth: () => Promise.reject(new Error('not used by these tests')),
    ...unusedPayout,
    lineEvidence: notUsed,
    evidenceBlob: notUsed,
    listLeases: notUsed,
    setLease: notUsed,
    listUsers: notUsed,
    createUser: notUsed,
    updateUser: notUsed,
    userStep: notUsed,
    changePassword: notUsed,
    reportMethods: notUsed,
    reportFunnel: notUsed,
    reportProgress: notUsed,
    reportQuality: notUsed,
    reportCost: notUsed,
    saveFees: notUsed,
    // Receipt keys: accepted, and none listed (the sync tests do not verify receipts).
    putDeviceKey: (_token, deviceId, publicKey) =>
      answerLater(() => ({ deviceId, deviceName: '', userName: '', publicKey })),
    listDeviceKeys: () => answerLater(() => []),
    listReceiptFlags: notUsed,
  };
  return fake;
}
