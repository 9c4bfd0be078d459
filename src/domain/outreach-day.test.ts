import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { cardToRequest, idCardRequestProblems, idCardRequestStage, type IdCardRequest } from './id-card-request';
import { dayCounts, dequeue, enqueue, markDone, papersToBring, queueOrder, type OutreachDay } from './outreach-day';
import { classifyReadiness, readinessStatuses, type ReadinessInput } from './readiness';
import { paymentMethods } from './vocabulary';

const TODAY = '2026-12-07';
const adult = {
  fullName: 'Lê Văn Tám',
  idNumber: '046052000123',
  birthDate: '1952-04-01',
  gender: 'male' as const,
  phone: '0912345678',
};
const input = (patch: Partial<ReadinessInput>): ReadinessInput => ({
  beneficiary: adult,
  paymentMethod: 'bank',
  representative: null,
  today: TODAY,
  ...patch,
});

describe('papers still to bring', () => {
  test('a person with a card and a phone who chose a bank brings nothing more', () => {
    expect(papersToBring(classifyReadiness(input({})))).toEqual([]);
  });

  test('only a CMND: a new card at the police; the CMND is no longer enough', () => {
    const readiness = classifyReadiness(input({ beneficiary: { ...adult, idNumber: null, oldIdNumber: '191999001' } }));
    expect(papersToBring(readiness)).toEqual([{ code: 'get-new-id-card', person: 'beneficiary' }]);
    expect(cardToRequest(readiness)).toEqual({ kind: 'new', person: 'beneficiary' });
  });

  test('a number never recorded: bring the card, no request to the police', () => {
    const readiness = classifyReadiness(input({ beneficiary: { ...adult, idNumber: null } }));
    expect(papersToBring(readiness)).toEqual([{ code: 'bring-id-card', person: 'beneficiary' }]);
    expect(cardToRequest(readiness)).toBeNull();
  });

  test('mobile money without a mobile number, through an authorised person without the paper', () => {
    const readiness = classifyReadiness(
      input({
        paymentMethod: 'mobile-money',
        representative: {
          kind: 'authorized',
          fullName: 'Lê Thị Năm',
          idNumber: null,
          oldIdNumber: '191888002',
          phone: '02343822222',
          paperRef: null,
          validUntil: null,
        },
      }),
    );
    expect(papersToBring(readiness)).toEqual([
      { code: 'get-new-id-card', person: 'representative' },
      { code: 'authorisation-paper', person: 'representative' },
      { code: 'mobile-phone', person: 'representative' },
    ]);
    // The card to request is the account holder's: the authorised person's.
    expect(cardToRequest(readiness)).toEqual({ kind: 'new', person: 'representative' });
  });

  test('cash needs no papers', () => {
    const readiness = classifyReadiness(
      input({ paymentMethod: 'cash-point', beneficiary: { ...adult, idNumber: null } }),
    );
    expect(papersToBring(readiness)).toEqual([]);
  });
});

describe('an ID card request', () => {
  const request = (patch: Partial<IdCardRequest>): IdCardRequest => ({
    kind: 'new',
    person: 'beneficiary',
    appointmentOn: null,
    place: null,
    issuedOn: null,
    ...patch,
  });

  test('moves from to-book to booked, appointment passed, issued', () => {
    expect(idCardRequestStage(request({}), TODAY)).toBe('to-book');
    expect(idCardRequestStage(request({ appointmentOn: '2026-12-10' }), TODAY)).toBe('booked');
    expect(idCardRequestStage(request({ appointmentOn: TODAY }), TODAY)).toBe('booked');
    expect(idCardRequestStage(request({ appointmentOn: '2026-12-01' }), TODAY)).toBe('appointment-passed');
    expect(idCardRequestStage(request({ appointmentOn: '2026-12-01', issuedOn: '2026-12-05' }), TODAY)).toBe('issued');
  });

  test('dates must be real, and a card cannot be issued after today', () => {
    expect(idCardRequestProblems(request({ appointmentOn: '2026-02-30' }), TODAY)).toEqual(['appointment-not-a-date']);
    expect(idCardRequestProblems(request({ issuedOn: '2026-12-08' }), TODAY)).toEqual(['issued-in-future']);
    expect(idCardRequestProblems(request({ issuedOn: 'hôm qua' }), TODAY)).toEqual(['issued-not-a-date']);
    expect(idCardRequestProblems(request({ appointmentOn: '2027-01-04', issuedOn: TODAY }), TODAY)).toEqual([]);
  });
});

describe('the table’s queue and the day’s counts', () => {
  const empty: OutreachDay = { day: TODAY, communeCode: '19960', entries: [] };

  test('a person is queued once, waits in arrival order, and moves to done when registered', () => {
    let day = enqueue(empty, 'b-2', 2);
    day = enqueue(day, 'b-1', 1);
    day = enqueue(day, 'b-3', 3);
    day = enqueue(day, 'b-2', 9);
    expect(queueOrder(day.entries).map((e) => e.beneficiaryId)).toEqual(['b-1', 'b-2', 'b-3']);
    day = markDone(day, 'b-2', { method: 'bank', readiness: 'ready', at: 10 });
    day = markDone(day, 'b-3', { method: 'cash-point', readiness: 'not-needed', at: 11 });
    expect(queueOrder(day.entries).map((e) => e.beneficiaryId)).toEqual(['b-1', 'b-3', 'b-2']);
    // Taken out by mistake: only a waiting person leaves; a registered one stays counted.
    day = dequeue(dequeue(day, 'b-1'), 'b-2');
    expect(day.entries.map((e) => e.beneficiaryId)).toEqual(['b-2', 'b-3']);
    expect(dayCounts(day.entries)).toMatchObject({
      registered: 2,
      waiting: 0,
      byMethod: { bank: 1, 'cash-point': 1, 'mobile-money': 0, 'home-delivery': 0 },
      byReadiness: { ready: 1, 'not-needed': 1, 'missing-papers': 0, 'needs-new-id-card': 0 },
    });
  });

  test('whatever happens at the table, each person counts once and the counts add up', () => {
    const action = fc.oneof(
      fc.record({ kind: fc.constant('add' as const), who: fc.integer({ min: 0, max: 6 }) }),
      fc.record({ kind: fc.constant('remove' as const), who: fc.integer({ min: 0, max: 6 }) }),
      fc.record({
        kind: fc.constant('done' as const),
        who: fc.integer({ min: 0, max: 6 }),
        method: fc.constantFrom(...paymentMethods),
        readiness: fc.constantFrom(...readinessStatuses),
      }),
    );
    fc.assert(
      fc.property(fc.array(action, { maxLength: 40 }), (actions) => {
        let day = empty;
        let now = 0;
        for (const a of actions) {
          now++;
          const id = `b-${String(a.who)}`;
          if (a.kind === 'add') day = enqueue(day, id, now);
          else if (a.kind === 'remove') day = dequeue(day, id);
          else day = markDone(day, id, { method: a.method, readiness: a.readiness, at: now });
        }
        const ids = day.entries.map((e) => e.beneficiaryId);
        expect(new Set(ids).size).toBe(ids.length);
        const counts = dayCounts(day.entries);
        const sum = (r: Record<string, number>) => Object.values(r).reduce((s, n) => s + n, 0);
        expect(sum(counts.byMethod)).toBe(counts.registered);
        expect(sum(counts.byReadiness)).toBe(counts.registered);
        expect(counts.registered + counts.waiting).toBe(day.entries.length);
        expect(queueOrder(day.entries)).toHaveLength(day.entries.length);
      }),
    );
  });
});
