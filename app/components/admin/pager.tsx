import { Link } from '@remix-run/react'
import { useT } from '#app/i18n/use-t.ts'

/** Previous / “page n of m” / next, as plain links (they work without JavaScript and keep the filters in `href`). */
export function Pager({ page, pages, href }: { page: number; pages: number; href: (page: number) => string }) {
  const { t } = useT()
  if (pages <= 1) return null
  return (
    <nav aria-label={t('admin.pagination')} className="flex flex-wrap items-center justify-between gap-4">
      {page > 1 ? (
        <Link to={href(page - 1)} rel="prev" className="font-medium">
          ← {t('admin.previous')}
        </Link>
      ) : (
        <span />
      )}
      <span className="text-sm text-slate-600">{t('admin.pageOf', { page, pages })}</span>
      {page < pages ? (
        <Link to={href(page + 1)} rel="next" className="font-medium">
          {t('admin.next')} →
        </Link>
      ) : (
        <span />
      )}
    </nav>
  )
}
