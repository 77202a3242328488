import { useT } from '#app/i18n/use-t.ts'

/** Errors that belong to the whole form (bad credentials, rate limit), announced as an alert. */
export function FormErrors({ errors, values }: { errors?: string[]; values?: Record<string, string | number> }) {
  const { t } = useT()
  if (!errors?.length) return null
  return (
    <div role="alert" className="rounded border border-red-700 bg-red-50 p-3 text-red-800">
      {errors.map((e) => (
        <p key={e}>{t(e, values)}</p>
      ))}
    </div>
  )
}
