/**
 * An admin's fees of the month per payment method (`fees.manage`, `PUT /api/reports/fees/{period}`,
 * docs/reports.md "Cost"): whole đồng, a blank method keeps its fee; saving reloads the cost.
 */
import { useState, type FormEvent } from 'react';
import { parseFee, type FeeInput } from '../../domain/report-cost';
import { paymentMethods, type PaymentMethod } from '../../domain/vocabulary';
import { formatAmount, vnd } from '../../domain/money';
import { errorMessage, t } from '../../ui/messages';
import { runAsync } from '../../ui/run-async';
import { useServices } from '../../ui/services';

type ErrorCode = Extract<FeeInput, { ok: false }>['code'] | 'nothing';

export function FeeForm(props: {
  period: string;
  /** The fees entered before, per method (the form starts from them). */
  fees: ReadonlyMap<string, number | null>;
  onSaved: () => void;
}) {
  const { period, fees, onSaved } = props;
  const m = t.reports.fees;
  const { transport, loadSession } = useServices();
  const month = `${period.slice(5, 7)}/${period.slice(0, 4)}`;
  const [typed, setTyped] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      paymentMethods.map((method) => {
        const fee = fees.get(method);
        return [method, fee === null || fee === undefined ? '' : formatAmount(vnd(fee))];
      }),
    ),
  );
  const [errors, setErrors] = useState<Partial<Record<PaymentMethod | 'form', ErrorCode>>>({});
  const [state, setState] = useState<{ kind: 'idle' | 'busy' | 'saved' } | { kind: 'failed'; code: string }>({
    kind: 'idle',
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (state.kind === 'busy') return;
    const found: typeof errors = {};
    const entries: { method: PaymentMethod; amount: number }[] = [];
    for (const method of paymentMethods) {
      const read = parseFee(typed[method] ?? '');
      if (!read.ok) found[method] = read.code;
      else if (read.amount !== null) entries.push({ method, amount: read.amount });
    }
    if (Object.keys(found).length === 0 && entries.length === 0) found.form = 'nothing';
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setState({ kind: 'busy' });
    runAsync(
      async () => {
        const session = await loadSession();
        if (!session) throw new Error('signed out');
        await transport.saveFees(session.token, period, entries);
        setState({ kind: 'saved' });
        onSaved();
      },
      (e) => setState({ kind: 'failed', code: (e as { code?: string }).code ?? 'unexpected' }),
    );
  };

  return (
    <form className="fee-form no-print" onSubmit={submit} noValidate aria-labelledby="h-fees">
      <h3 id="h-fees">{m.heading(month)}</h3>
      <p className="muted" id="fees-hint">
        {m.hint}
      </p>
      {paymentMethods.map((method) => {
        const id = `fee-${method}`;
        const error = errors[method];
        return (
          <p key={method} className="field">
            <label htmlFor={id}>{m.amount(t.methods[method])}</label>
            <input
              id={id}
              inputMode="numeric"
              autoComplete="off"
              value={typed[method] ?? ''}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${id}-error` : 'fees-hint'}
              onChange={(e) => {
                const value = e.target.value;
                setTyped((old) => ({ ...old, [method]: value }));
              }}
            />
            {error && (
              <span id={`${id}-error`} className="error">
                {m.errors[error]}
              </span>
            )}
          </p>
        );
      })}
      {errors.form && (
        <p className="error" role="alert">
          {m.errors[errors.form]}
        </p>
      )}
      <p>
        <button type="submit" disabled={state.kind === 'busy'}>
          {state.kind === 'busy' ? m.saving : m.save}
        </button>
      </p>
      <p role="status">
        {state.kind === 'saved' && m.saved(month)}
        {state.kind === 'failed' && <span className="error">{m.failed(errorMessage(state.code))}</span>}
      </p>
    </form>
  );
}
