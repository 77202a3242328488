import { Form, useLocation } from '@remix-run/react'
import { useId } from 'react'
import { useT } from '#app/i18n/use-t.ts'

type Props = {
  targetType: 'comment' | 'idea'
  targetId: string
  className?: string
}

/**
 * A small "Reportar" control: a <details> that opens a one-field form posting to /reportar
 * and coming back here (works without JavaScript). Show it to signed-in people only.
 */
export function ReportButton({ targetType, targetId, className = '' }: Props) {
  const { t } = useT()
  const location = useLocation()
  const id = useId()
  const here = location.pathname + location.search
  const action = `/reportar?${new URLSearchParams({ targetType, targetId, redirectTo: here })}`
  return (
    <details className={`text-sm ${className}`} data-testid="report-control">
      <summary className="cursor-pointer text-slate-600 hover:text-red-800">{t(targetType === 'idea' ? 'moderation.report.openIdea' : 'moderation.report.openComment')}</summary>
      <Form method="post" action={action} className="mt-2 space-y-2 rounded border border-slate-300 bg-white p-3">
        <input type="hidden" name="targetType" value={targetType} />
        <input type="hidden" name="targetId" value={targetId} />
        <input type="hidden" name="redirectTo" value={here} />
        <label htmlFor={`${id}-reason`} className="block font-medium text-slate-900">
          {t('moderation.report.reason')}
        </label>
        <textarea id={`${id}-reason`} name="reason" rows={2} required maxLength={500} className="block w-full rounded border border-slate-400 px-2 py-1" />
        <button type="submit" className="rounded bg-red-800 px-3 py-1 font-semibold text-white hover:bg-red-900">
          {t('moderation.report.submit')}
        </button>
      </Form>
    </details>
  )
}
