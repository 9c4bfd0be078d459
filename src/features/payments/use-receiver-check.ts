import { useState } from 'react';
import { parseCccdQr } from '../../domain/citizen-id';
import { isAnyIdNumberFormat, normalizeIdNumber } from '../../domain/citizen-id-number';
import {
  compareScanned,
  compareTyped,
  expectedReceiver,
  paymentBlockedBy,
  type ReceiverCheck,
} from '../../domain/receiver-check';
import type { IdCheckSkipReason, ReceiverKind } from '../../domain/vocabulary';
import type { BeneficiaryRow } from '../../storage/app-db';
import { t } from '../../ui/messages';

/**
 * The receiver step of a payment: who receives, and how their card was checked against what the
 * roster registered for that receiver. Changing the receiver or a typed value drops a check that
 * no longer describes what is on screen.
 */
export function useReceiverCheck(person: BeneficiaryRow | undefined, today: string) {
  const [kind, setKind] = useState<ReceiverKind>('self');
  const [typedName, setTypedName] = useState('');
  const [typedId, setTypedId] = useState('');
  const [check, setCheck] = useState<ReceiverCheck | null>(null);
  const [error, setError] = useState<string | null>(null);
  const expected = person ? expectedReceiver(person, kind) : null;

  function chooseKind(next: ReceiverKind) {
    setKind(next);
    const rep = person?.representative;
    // The registered name is offered; the card number is typed from the card, never prefilled.
    setTypedName(next !== 'self' && rep?.kind === next ? rep.fullName : '');
    setTypedId('');
    setCheck(null);
    setError(null);
  }

  function typeName(value: string) {
    setTypedName(value);
    if (check?.method !== 'not-possible') setCheck(null);
  }

  function typeId(value: string) {
    setTypedId(normalizeIdNumber(value));
    if (check?.method !== 'not-possible') setCheck(null);
  }

  /** A QR read (camera, photo or pasted text). */
  function scanned(raw: string) {
    const parsed = parseCccdQr(raw, { today });
    if (!parsed.ok) {
      setError(t.idCheck.parseErrors[parsed.error.code]);
      return;
    }
    const card = parsed.value;
    setError(null);
    if (kind !== 'self') {
      setTypedName(card.fullName);
      setTypedId(card.idNumber);
    }
    setCheck({ method: 'qr', card, comparison: compareScanned(card, expected) });
  }

  /** Compares the typed card number (and, for a representative, the typed name). */
  function compareTypedCard() {
    if (!isAnyIdNumberFormat(typedId)) {
      setError(t.pay.typedIdInvalid);
      return;
    }
    setError(null);
    const typed = kind === 'self' ? { idNumber: typedId } : { idNumber: typedId, fullName: typedName };
    setCheck({ method: 'manual', comparison: compareTyped(typed, expected) });
  }

  function skip(reason: IdCheckSkipReason, note: string) {
    setError(null);
    setCheck({ method: 'not-possible', reason, ...(note.trim() ? { note: note.trim() } : {}) });
  }

  function reset() {
    setCheck(null);
    setError(null);
  }

  return {
    kind,
    chooseKind,
    typedName,
    typeName,
    typedId,
    typeId,
    expected,
    check,
    error,
    scanned,
    compareTypedCard,
    skip,
    reset,
    blockedBy: paymentBlockedBy(check),
  };
}

export type ReceiverCheckState = ReturnType<typeof useReceiverCheck>;
