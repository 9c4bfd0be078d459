/**
 * Choosing a PIN (the PIN step, and after the password on the lock screen): the password present,
 * six digits that are not trivial (storage/vault.ts `checkPin`), typed the same twice.
 */
import { checkPin } from '../../storage/vault';
import { t } from '../../ui/messages';
import { PinInput } from './pin-input';

/** What is wrong with the form before anything is derived or sent, or null. */
export function newPinProblem(password: string, pin: string, repeat: string): string | null {
  const m = t.pinLock.problems;
  if (!password) return m['password-required'];
  const problem = checkPin(pin);
  if (problem) return m[problem];
  return pin === repeat ? null : m.mismatch;
}

export function NewPinFields(props: {
  ids: [string, string];
  label: string;
  pin: string;
  repeat: string;
  onPin: (v: string) => void;
  onRepeat: (v: string) => void;
}) {
  return (
    <>
      <PinInput id={props.ids[0]} label={props.label} value={props.pin} onChange={props.onPin} />
      <PinInput id={props.ids[1]} label={t.pinLock.repeatPin} value={props.repeat} onChange={props.onRepeat} />
    </>
  );
}
