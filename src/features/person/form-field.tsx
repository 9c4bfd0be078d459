/**
 * A labelled input or select with its hint, error and warnings, linked for screen readers, and
 * the binder every form lays its text fields out with.
 */
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from 'react';
import type {
  FieldValues,
  FormState,
  Path,
  UseFormGetFieldState,
  UseFormRegister,
  UseFormRegisterReturn,
} from 'react-hook-form';

type Common = {
  id: string;
  label: string;
  registration: UseFormRegisterReturn;
  hint?: string | undefined;
  error?: string | undefined;
  warnings?: readonly string[] | undefined;
};

function describedBy({ id, hint, error, warnings }: Common): string | undefined {
  const ids = [hint && `${id}-hint`, error && `${id}-error`, warnings?.length && `${id}-warning`].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function Messages({ id, hint, error, warnings }: Common) {
  return (
    <>
      {hint && (
        <p className="muted field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="error" id={`${id}-error`}>
          {error}
        </p>
      )}
      {warnings && warnings.length > 0 && (
        <p className="warning" id={`${id}-warning`}>
          {warnings.join(' ')}
        </p>
      )}
    </>
  );
}

export function TextField(props: Common & { input?: InputHTMLAttributes<HTMLInputElement> }) {
  const { id, label, registration, error, input } = props;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        autoComplete="off"
        {...input}
        {...registration}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(props)}
      />
      <Messages {...props} />
    </div>
  );
}

export function SelectField(props: Common & { children: ReactNode; select?: SelectHTMLAttributes<HTMLSelectElement> }) {
  const { id, label, registration, error, children, select } = props;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        {...select}
        {...registration}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(props)}
      >
        {children}
      </select>
      <Messages {...props} />
    </div>
  );
}

type TextFieldProps = Parameters<typeof TextField>[0];

/**
 * The one way a form lays out its text fields: `text(name, label, extra)` gives a TextField bound
 * to `form` (registration, error from the form's state), with ids `${prefix}-${name}` and the
 * field's warnings. `onChange` runs on every change of any field (e.g. to clear a notice).
 */
export function textFieldsOf<F extends FieldValues>(
  form: { register: UseFormRegister<F>; getFieldState: UseFormGetFieldState<F>; formState: FormState<F> },
  prefix: string,
  options: { warnings?: Partial<Record<Path<F>, readonly string[]>>; onChange?: () => void } = {},
) {
  return (name: Path<F>, label: string, extra: Partial<TextFieldProps> = {}) => (
    <TextField
      id={`${prefix}-${name}`}
      label={label}
      registration={form.register(name, options.onChange ? { onChange: options.onChange } : undefined)}
      error={form.getFieldState(name, form.formState).error?.message}
      warnings={options.warnings?.[name]}
      {...extra}
    />
  );
}
