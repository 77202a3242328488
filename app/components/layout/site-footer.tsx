import { useT } from '#app/i18n/use-t.ts'

export function SiteFooter() {
  const { t } = useT()
  return (
    <footer className="mt-16 border-t border-slate-200 bg-white">
      <div className="mx-auto max-w-6xl space-y-2 px-4 py-8 text-sm text-slate-700">
        <p>{t('footer.about')}</p>
        <p className="font-semibold">{t('footer.values')}</p>
        <p>{t('footer.openData')}</p>
      </div>
    </footer>
  )
}
