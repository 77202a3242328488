import { useT } from '#app/i18n/use-t.ts'
import { type Flash } from '#app/utils/flash.server.ts'

export function FlashMessage({ flash }: { flash: Flash | null }) {
  const { t } = useT()
  if (!flash) return null
  return (
    <div role="status" className="mx-auto mt-4 w-full max-w-6xl px-4">
      <p className="rounded border border-emerald-700 bg-emerald-50 p-3 text-emerald-900">{t(flash.key, flash.values)}</p>
    </div>
  )
}
