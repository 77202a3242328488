import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useT } from '#app/i18n/use-t.ts'
import { Button } from '#app/components/ui/button.tsx'
import { Field } from '#app/components/ui/field.tsx'
import { getT } from '#app/i18n/i18n.ts'
import { fieldErrors } from '#app/services/platform/schemas.ts'
import { search, searchQuerySchema } from '#app/services/challenges/search.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const title = `${getT(context.lang)('search.title')} · Cocrea`
  const parsed = searchQuerySchema.safeParse({ q: new URL(request.url).searchParams.get('q') ?? '' })
  if (!parsed.success) return data({ title, q: '', hits: [], errors: fieldErrors(parsed.error) }, { status: 400 })
  return { title, q: parsed.data.q, hits: await search(parsed.data.q), errors: {} as Record<string, string[]> }
}

export default function Search() {
  const { t } = useT()
  const { q, hits, errors } = useLoaderData<typeof loader>()
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <h1 className="text-3xl font-bold text-brand-900">{t('search.title')}</h1>
      <Form method="get" role="search" className="flex flex-wrap items-end gap-3">
        <div className="min-w-64 flex-1">
          <Field label={t('search.label')} hint={t('search.hint')} name="q" type="search" defaultValue={q} errors={errors.q} />
        </div>
        <Button type="submit">{t('search.submit')}</Button>
      </Form>
      {q ? (
        <section aria-labelledby="results-title" className="space-y-3">
          <h2 id="results-title" className="text-lg font-semibold" aria-live="polite">
            {hits.length ? t('search.results', { count: hits.length, q }) : t('search.none', { q })}
          </h2>
          <ol className="space-y-3">
            {hits.map((hit) => (
              <li key={`${hit.type}-${hit.id}`} className="rounded-lg border border-slate-200 bg-white p-4">
                <p className="text-xs font-semibold uppercase tracking-wide text-slate-600">{t(`search.type.${hit.type}`)}</p>
                <Link to={hit.url} className="text-lg font-semibold">
                  {hit.title}
                </Link>
                {/* Text and <mark> elements from plain-text parts: content is never HTML here. */}
                <p className="mt-1 text-slate-700" data-testid="snippet">
                  {hit.parts.map((part, i) => (part.match ? <mark key={i}>{part.text}</mark> : part.text))}
                </p>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </div>
  )
}
