import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from 'react'
import { useT } from '#app/i18n/use-t.ts'

type Common = { label: string; hint?: string; errors?: string[] }

/** A labelled control whose hint and errors are announced with it (aria-describedby / aria-invalid). */
function FieldShell({ label, hint, errors, children }: Common & { children: (ids: { id: string; describedBy?: string; invalid: boolean }) => ReactNode }) {
  const { t } = useT()
  const id = useId()
  const hintId = hint ? `${id}-hint` : undefined
  const errorId = errors?.length ? `${id}-error` : undefined
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block font-medium text-slate-900">
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      {children({ id, describedBy, invalid: !!errorId })}
      {errorId ? (
        <ul id={errorId} className="text-sm font-medium text-red-700">
          {errors!.map((e) => (
            <li key={e}>{t(e)}</li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}

const controlClass =
  'block w-full rounded border border-slate-400 bg-white px-3 py-2 text-slate-900 aria-invalid:border-red-700 aria-invalid:ring-1 aria-invalid:ring-red-700'

export function Field({ label, hint, errors, ...input }: Common & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <FieldShell label={label} hint={hint} errors={errors}>
      {({ id, describedBy, invalid }) => (
        <input id={id} aria-describedby={describedBy} aria-invalid={invalid || undefined} className={controlClass} {...input} />
      )}
    </FieldShell>
  )
}

export function SelectField({ label, hint, errors, children, ...select }: Common & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <FieldShell label={label} hint={hint} errors={errors}>
      {({ id, describedBy, invalid }) => (
        <select id={id} aria-describedby={describedBy} aria-invalid={invalid || undefined} className={controlClass} {...select}>
          {children}
        </select>
      )}
    </FieldShell>
  )
}

export function TextAreaField({ label, hint, errors, ...area }: Common & React.TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <FieldShell label={label} hint={hint} errors={errors}>
      {({ id, describedBy, invalid }) => (
        <textarea id={id} aria-describedby={describedBy} aria-invalid={invalid || undefined} className={controlClass} {...area} />
      )}
    </FieldShell>
  )
}
