import type { ReactNode } from 'react';

/** What a field's input needs to be tied to its label and error (antd inputs take `status`). */
export type FieldAria = {
  id: string;
  status: 'error' | undefined;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
};

/**
 * A labelled input with its error under it, tied together for screen readers, for the plain forms of
 * the two pages people open first on a village phone (login, the public self-application): antd's
 * Form with its field store and validator is ≈ 45 KB of JavaScript those pages do without.
 */
export function PlainField({
  id,
  label,
  error,
  extra,
  children,
}: {
  id: string;
  label: ReactNode;
  error: string | null;
  /** Shown at the end of the error line (a character count). */
  extra?: ReactNode;
  children: (aria: FieldAria) => ReactNode;
}) {
  return (
    <div className="fp-field">
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        status: error ? 'error' : undefined,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': error ? `${id}-error` : undefined,
      })}
      {error || extra ? (
        <div className="fp-field-under">
          {error ? (
            <div id={`${id}-error`} className="fp-field-error" role="alert" data-testid={`${id}-error`}>
              {error}
            </div>
          ) : null}
          {extra ? <div className="fp-field-extra">{extra}</div> : null}
        </div>
      ) : null}
    </div>
  );
}
