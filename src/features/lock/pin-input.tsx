/** A six-digit PIN field: digits only, hidden, the numeric keypad on a tablet. */
export function PinInput(props: { id: string; label: string; value: string; onChange: (v: string) => void }) {
  return (
    <>
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        name={props.id}
        type="password"
        inputMode="numeric"
        autoComplete="off"
        maxLength={6}
        pattern="[0-9]{6}"
        value={props.value}
        onChange={(e) => props.onChange(e.target.value.replace(/\D/gu, '').slice(0, 6))}
        required
      />
    </>
  );
}
