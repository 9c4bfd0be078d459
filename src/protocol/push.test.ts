import { describe, expect, test } from 'vitest';
import pushRequest from '../../tests/fixtures/protocol/push-request.json';
import pushResponse from '../../tests/fixtures/protocol/push-response.json';
import { paymentConflictCodes, paymentRejectCodes } from '../domain/payment-line';
import { opResultMessagesVi } from './op-messages.vi';
import {
  conflictCodes,
  opResultCodes,
  PUSH_MAX_OPS,
  pushRequestSchema,
  pushResponseSchema,
  pushResultSchema,
  rejectCodes,
} from './push';

describe('pushRequestSchema', () => {
  test('accepts the recorded request', () => {
    expect(pushRequestSchema.safeParse(pushRequest).success).toBe(true);
  });

  test('accepts a batch with a malformed op inside: the op is judged on its own later', () => {
    const body = { ...pushRequest, ops: [...pushRequest.ops, { id: 'bad-1', type: 'payment.record', payload: null }] };
    expect(pushRequestSchema.safeParse(body).success).toBe(true);
  });

  const op = pushRequest.ops[0];
  test.each<[string, unknown]>([
    ['no ops', { ...pushRequest, ops: [] }],
    ['too many ops', { ...pushRequest, ops: Array.from({ length: PUSH_MAX_OPS + 1 }, () => op) }],
    ['another protocol version', { ...pushRequest, protocol: 2 }],
    ['no lastSeq', { ...pushRequest, lastSeq: undefined }],
    ['a negative lastSeq', { ...pushRequest, lastSeq: -1 }],
    ['an op without id', { ...pushRequest, ops: [{ type: 'payment.record' }] }],
  ])('refuses %s (400 for the whole request)', (_name, body) => {
    expect(pushRequestSchema.safeParse(body).success).toBe(false);
  });

  test('accepts exactly 500 ops', () => {
    const body = { ...pushRequest, ops: Array.from({ length: PUSH_MAX_OPS }, () => op) };
    expect(pushRequestSchema.safeParse(body).success).toBe(true);
  });
});

describe('pushResponseSchema', () => {
  test('accepts the recorded response', () => {
    expect(pushResponseSchema.safeParse(pushResponse).success).toBe(true);
  });

  test.each<[string, unknown, boolean]>([
    ['applied with its version', { id: 'a', status: 'applied', version: 3 }, true],
    ['applied without version', { id: 'a', status: 'applied' }, false],
    [
      'duplicate of a conflict, with its first code',
      { id: 'a', status: 'duplicate', code: 'conflict', firstCode: 'already-paid' },
      true,
    ],
    ['duplicate with a code that is not a status', { id: 'a', status: 'duplicate', code: 'already-paid' }, false],
    ['conflict already-paid', { id: 'a', status: 'conflict', code: 'already-paid', message: 'm' }, true],
    ['conflict with a reject code', { id: 'a', status: 'conflict', code: 'forbidden', message: 'm' }, false],
    ['rejected amount-mismatch', { id: 'a', status: 'rejected', code: 'amount-mismatch', message: 'm' }, true],
    ['rejected with a conflict code', { id: 'a', status: 'rejected', code: 'already-paid', message: 'm' }, false],
    ['rejected without message', { id: 'a', status: 'rejected', code: 'forbidden' }, false],
    ['an unknown status', { id: 'a', status: 'ignored' }, false],
  ])('%s → valid: %s', (_name, result, valid) => {
    expect(pushResultSchema.safeParse(result).success).toBe(valid);
  });
});

describe('op result codes', () => {
  test('cover every outcome code of the domain payment rule', () => {
    expect(conflictCodes).toEqual(expect.arrayContaining([...paymentConflictCodes]));
    expect(rejectCodes).toEqual(expect.arrayContaining([...paymentRejectCodes]));
    expect(conflictCodes).toContain('concurrent-edit');
    expect(rejectCodes).toEqual(
      expect.arrayContaining(['invalid-payload', 'forbidden', 'unknown-entity', 'seq-reused']),
    );
  });

  test('are distinct and each has a Vietnamese message', () => {
    expect(new Set(opResultCodes).size).toBe(opResultCodes.length);
    for (const code of opResultCodes) expect(opResultMessagesVi[code]).toMatch(/\p{L}{2,}/u);
    expect(Object.keys(opResultMessagesVi).sort()).toEqual([...opResultCodes].sort());
  });
});
