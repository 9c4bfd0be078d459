/**
 * A person who needs a new or a replacement citizen ID card before an account can be opened
 * (issue 17, "Communication day"; seed step 3): the commune police's appointment and the day the
 * card was issued, so the readiness review can follow them until the new number is recorded.
 * Pure: stored on the beneficiary as `idCardRequest` (docs/protocol.md "Pull"), set by
 * `beneficiary.update`.
 *
 * - `new`: the person holds no chip card (only a 9-digit CMND, which banks no longer accept
 *   since 2024-12-31, or no card at all);
 * - `replacement`: the card is lost, damaged, or its data is wrong.
 */
import { isIsoDate } from './calendar';
import type { Readiness, ReadinessReasonCode } from './readiness';

export const idCardRequestKinds = ['new', 'replacement'] as const;
export type IdCardRequestKind = (typeof idCardRequestKinds)[number];

export type IdCardRequest = {
  kind: IdCardRequestKind;
  /** Whose card: the beneficiary's, or the representative's when they hold the account. */
  person: 'beneficiary' | 'representative';
  /** Calendar day of the appointment at the commune police (`YYYY-MM-DD`), once booked. */
  appointmentOn: string | null;
  /** Where, as the officer writes it ("Công an xã Phú Bài"), once booked. */
  place: string | null;
  /** Calendar day the card was issued (`YYYY-MM-DD`), once it was. */
  issuedOn: string | null;
};

/** Where a request stands on a day: what the follow-up list shows and sorts by. */
export type IdCardRequestStage = 'to-book' | 'booked' | 'appointment-passed' | 'issued';

export function idCardRequestStage(request: IdCardRequest, today: string): IdCardRequestStage {
  if (request.issuedOn !== null) return 'issued';
  if (request.appointmentOn === null) return 'to-book';
  return request.appointmentOn < today ? 'appointment-passed' : 'booked';
}

export type IdCardRequestProblem = 'appointment-not-a-date' | 'issued-not-a-date' | 'issued-in-future';

/** What is wrong with a request as typed on `today` (`YYYY-MM-DD`); empty when it can be saved. */
export function idCardRequestProblems(request: IdCardRequest, today: string): IdCardRequestProblem[] {
  const problems: IdCardRequestProblem[] = [];
  if (request.appointmentOn !== null && !isIsoDate(request.appointmentOn)) problems.push('appointment-not-a-date');
  if (request.issuedOn !== null) {
    if (!isIsoDate(request.issuedOn)) problems.push('issued-not-a-date');
    else if (request.issuedOn > today) problems.push('issued-in-future');
  }
  return problems;
}

/** The readiness reasons only a card from the police resolves: only a CMND, or no card at all. */
const CARD_REASONS: readonly ReadinessReasonCode[] = ['only-old-id-card', 'no-id-card'];

/**
 * The account holder's card to request, if readiness says one is needed: only a CMND or no card
 * (blocking for the holder) is a new card. A number never recorded (`id-number-missing`) is not:
 * the person may simply bring the card.
 */
export function cardToRequest(readiness: Readiness): Pick<IdCardRequest, 'kind' | 'person'> | null {
  const reason = readiness.reasons.find(
    (r) => r.blocking && r.person === readiness.holder && CARD_REASONS.includes(r.code),
  );
  return reason ? { kind: 'new', person: reason.person } : null;
}
