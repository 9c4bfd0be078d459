/** A labelled input or select with its hint, Vietnamese error and warnings, linked for screen readers. */
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';

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
