import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useT } from '#app/i18n/use-t.ts'
import { ChallengeCover } from '#app/components/challenges/challenge-cover.tsx'
import { ChallengePhaseBadge } from '#app/components/challenges/challenge-phase-badge.tsx'
import { Button } from '#app/components/ui/button.tsx'
import { Field, SelectField } from '#app/components/ui/field.tsx'
import { departmentNames } from '#app/data/guatemala.ts'
import { sdgTargets } from '#app/data/sdg.ts'
import { serviceAreas } from '#app/data/service-areas.ts'
import { getT } from '#app/i18n/i18n.ts'
import { challengeListQuerySchema } from '#app/services/challenges/challenge-schemas.ts'
import { challengeCreationScope, coverImageUrl, listChallenges } from '#app/services/challenges/challenges.server.ts'
import { listInstitutions } from '#app/services/accounts/institutions.server.ts'
import { getUser } from '#app/utils/auth.server.ts'
import { formatDate } from '#app/utils/format.ts'
import { phases } from '#app/domain/vocabulary.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = getUser(context)
  const url = new URL(request.url)
  const query = challengeListQuerySchema.parse(Object.fromEntries(url.searchParams))
  const [list, institutions] = await Promise.all([listChallenges(user, query), listInstitutions()])
  return {
    title: `${getT(context.lang)('challenges.listTitle')} · Cocrea`,
    lang: context.lang,
    query,
    canCreate: !!challengeCreationScope(user),
    institutions: institutions.map((i) => ({ id: i.id, acronym: i.acronym, name: i.name })),
    total: list.total,
    page: list.page,
    pages: Math.max(1, Math.ceil(list.total / list.pageSize)),
    items: list.items.map((c) => ({
      id: c.id,
      slug: c.slug,
      title: c.title,
      phase: c.phase,
      institution: c.institutionName,
      institutionAcronym: c.institutionAcronym,
      serviceArea: c.serviceArea,
      department: c.department,
      municipality: c.municipality,
      cover: coverImageUrl(c.coverImage),
      createdAt: formatDate(c.createdAt, context.lang),
      createdAtIso: c.createdAt.toISOString(),
    })),
  }
}

export default function ChallengesIndex() {
  const { t } = useT()
  const { query, items, total, page, pages, institutions, canCreate, lang } = useLoaderData<typeof loader>()
  const pageLink = (p: number) => {
    const params = new URLSearchParams()
    for (const [k, v] of Object.entries(query)) if (v !== null && k !== 'page') params.set(k, String(v))
    if (p > 1) params.set('page', String(p))
    const s = params.toString()
    return s ? `/retos?${s}` : '/retos'
  }
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-3xl font-bold text-brand-900">{t('challenges.listTitle')}</h1>
          <p className="mt-2 text-slate-700">{t('challenges.listLead')}</p>
        </div>
        {canCreate ? (
          <Link to="/retos/nuevo" className="rounded bg-brand-700 px-4 py-2 font-semibold text-white no-underline hover:bg-brand-800">
            {t('challenges.create')}
          </Link>
        ) : null}
      </div>

        <Form method="get" action="/retos" role="search" className="grid gap-4 rounded-lg bg-white p-4 shadow-sm sm:grid-cols-2 lg:grid-cols-3" aria-label={t('challenges.filters.title')}>
          <Field label={t('challenges.filters.q')} name="q" type="search" defaultValue={query.q ?? ''} />
          <SelectField label={t('challenges.filters.phase')} name="phase" defaultValue={query.phase ?? ''}>
            <option value="">{t('challenges.filters.any')}</option>
            {phases.map((p) => (
              <option key={p} value={p}>
                {t(`challenges.phases.${p}`)}
              </option>
            ))}
          </SelectField>
          <SelectField label={t('challenges.filters.institution')} name="institution" defaultValue={query.institution ?? ''}>
            <option value="">{t('challenges.filters.any')}</option>
            {institutions.map((i) => (
              <option key={i.id} value={i.id}>
                {i.acronym} — {i.name}
              </option>
            ))}
          </SelectField>
          <SelectField label={t('challenges.filters.serviceArea')} name="serviceArea" defaultValue={query.serviceArea ?? ''}>
            <option value="">{t('challenges.filters.any')}</option>
            {serviceAreas.map((a) => (
              <option key={a} value={a}>
                {t(`challenges.serviceAreas.${a}`)}
              </option>
            ))}
          </SelectField>
          <SelectField label={t('challenges.filters.department')} name="department" defaultValue={query.department ?? ''}>
            <option value="">{t('challenges.filters.any')}</option>
            {departmentNames.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </SelectField>
          <SelectField label={t('challenges.filters.sdg')} name="sdg" defaultValue={query.sdg ?? ''}>
            <option value="">{t('challenges.filters.any')}</option>
            {sdgTargets.map((s) => (
              <option key={s.code} value={s.code}>
                {s.code} — {s[lang]}
              </option>
            ))}
          </SelectField>
          <div className="flex items-end gap-4 sm:col-span-2 lg:col-span-3">
            <Button type="submit">{t('challenges.filters.apply')}</Button>
            <Link to="/retos" className="font-semibold">
              {t('challenges.filters.clear')}
            </Link>
          </div>
        </Form>

      <p className="text-slate-700" aria-live="polite">
        {t('challenges.count', { count: total })}
      </p>
      {items.length === 0 ? (
        <p className="rounded-lg bg-white p-6 text-slate-700 shadow-sm">{t('challenges.empty')}</p>
      ) : (
        <ul className="grid gap-4 md:grid-cols-2">
          {items.map((c) => (
            <li key={c.id} className="overflow-hidden rounded-lg bg-white shadow-sm" data-challenge={c.slug}>
              <ChallengeCover src={c.cover} acronym={c.institutionAcronym} />
              <article className="space-y-2 p-4">
                <ChallengePhaseBadge phase={c.phase} />
                <h2 className="text-lg font-semibold">
                  <Link to={`/retos/${c.slug}`}>{c.title}</Link>
                </h2>
                <p className="text-sm text-slate-700">{c.institution}</p>
                <p className="text-sm text-slate-600">
                  {[c.serviceArea ? t(`challenges.serviceAreas.${c.serviceArea}`, { defaultValue: c.serviceArea }) : null, [c.municipality, c.department].filter(Boolean).join(', ') || null]
                    .filter(Boolean)
                    .join(' · ')}
                </p>
                <p className="text-xs text-slate-600">
                  <time dateTime={c.createdAtIso}>{c.createdAt}</time>
                </p>
              </article>
            </li>
          ))}
        </ul>
      )}
      {pages > 1 ? (
        <nav aria-label={t('challenges.pagination.label')} className="flex items-center justify-between gap-4">
          {page > 1 ? (
            <Link to={pageLink(page - 1)} rel="prev">
              {t('challenges.pagination.previous')}
            </Link>
          ) : (
            <span />
          )}
          <span>{t('challenges.pagination.pageOf', { page, pages })}</span>
          {page < pages ? (
            <Link to={pageLink(page + 1)} rel="next">
              {t('challenges.pagination.next')}
            </Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </div>
  )
}
