// The one way a form writes a field: a label over its control, then the control's hint.
import type { InputHTMLAttributes, ReactNode } from 'react';

/** A labelled control (an input, a select, a prefecture picker) with an optional hint below it. */
export function Field({
  id,
  label,
  hint,
  hintError = false,
  children,
}: {
  /** The control's id; the hint's is `${id}-hint`. */
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  /** The hint says what is wrong with the value. */
  hintError?: boolean;
  children: ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {hint ? (
        <p className={hintError ? 'hint hint-error' : 'hint'} id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange' | 'children'>;

/**
 * A labelled text-like input (text, search, date, month, number, password) that edits a string; a hint is tied
 * to it with aria-describedby. `children` go right after the input (a datalist, a live hint of its own).
 */
export function InputField({
  id,
  label,
  hint,
  hintError,
  value,
  onValue,
  children,
  ...input
}: InputProps & {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  hintError?: boolean;
  value: string;
  onValue: (value: string) => void;
  children?: ReactNode;
}) {
  return (
    <Field id={id} label={label} hint={hint} hintError={hintError}>
      <input
        id={id}
        aria-describedby={hint ? `${id}-hint` : undefined}
        {...input}
        value={value}
        onChange={(e) => onValue(e.target.value)}
      />
      {children}
    </Field>
  );
}

/** A labelled date input (YYYY-MM-DD). */
export function DateField(props: Omit<Parameters<typeof InputField>[0], 'type'>) {
  return <InputField type="date" {...props} />;
}

/** The authenticator's 6-digit code: digits only, offered to the browser's one-time-code autofill. */
export function CodeField({
  id,
  label,
  hint,
  value,
  onValue,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  value: string;
  onValue: (code: string) => void;
}) {
  return (
    <InputField
      id={id}
      label={label}
      hint={hint}
      className="mono code-input"
      inputMode="numeric"
      autoComplete="one-time-code"
      pattern="\d{6}"
      maxLength={6}
      required
      value={value}
      onValue={(v) => onValue(v.replace(/\D/g, ''))}
    />
  );
}
