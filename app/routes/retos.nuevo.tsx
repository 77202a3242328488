import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useT } from '#app/i18n/use-t.ts'
import { ChallengeForm, type ChallengeFormValues } from '#app/components/challenges/challenge-form.tsx'
import { getT } from '#app/i18n/i18n.ts'
import { challengeCreationScope, createChallenge } from '#app/services/challenges/challenges.server.ts'
import { listInstitutions } from '#app/services/accounts/institutions.server.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { submitChallengeForm } from '#app/utils/challenge-form.server.ts'
import { redirectWithFlash } from '#app/utils/flash.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

/** Officials (for their institution) and the lab (for any) propose challenges; everyone else gets the 403 page. */
function requireCreator(context: LoaderFunctionArgs['context'], request: Request) {
  const user = requireUser(context, request)
  const scope = challengeCreationScope(user)
  if (!scope) throw data({ code: 'forbidden' }, { status: 403 })
  return { user, scope }
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { scope } = requireCreator(context, request)
  const institutions = await listInstitutions()
  return {
    title: `${getT(context.lang)('challenges.form.newTitle')} · Cocrea`,
    lang: context.lang,
    fixedInstitution: scope.institutionId,
    institutions: institutions.map((i) => ({ id: i.id, acronym: i.acronym, name: i.name })),
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user } = requireCreator(context, request)
  return submitChallengeForm(request, async (input, cover) => {
    const created = await createChallenge(user, input, { cover })
    return redirectWithFlash(`/retos/${created.slug}`, { key: 'challenges.created', values: { title: created.title } })
  })
}

export default function NewChallenge() {
  const { t } = useT()
  const { institutions, fixedInstitution, lang } = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()
  const v = reply?.values ?? {}
  const values: ChallengeFormValues = {
    title: v.title ?? '',
    problem: v.problem ?? '',
    institutionId: fixedInstitution ?? v.institutionId ?? '',
    serviceArea: v.serviceArea ?? '',
    department: v.department ?? '',
    municipality: v.municipality ?? '',
    sdgTargets: reply?.sdgTargets ?? [],
    opensAt: v.opensAt ?? '',
    cocreationAt: v.cocreationAt ?? '',
    votingAt: v.votingAt ?? '',
    evaluationAt: v.evaluationAt ?? '',
    pilotingAt: v.pilotingAt ?? '',
    closesAt: v.closesAt ?? '',
    votingMethod: v.votingMethod ?? 'support',
    votingBudget: v.votingBudget ?? '1',
    votingMaxPerIdea: v.votingMaxPerIdea ?? '1',
  }
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div>
        <h1 className="text-3xl font-bold text-brand-900">{t('challenges.form.newTitle')}</h1>
        <p className="mt-2 text-slate-700">{t('challenges.form.newLead')}</p>
      </div>
      <section className="rounded-lg bg-white p-6 shadow-sm">
        <ChallengeForm
          values={values}
          errors={reply?.errors ?? {}}
          institutions={institutions}
          fixedInstitution={!!fixedInstitution}
          votingFrozen={false}
          currentCover={null}
          submitLabel={t('challenges.form.submitCreate')}
          cancelTo="/retos"
          lang={lang}
        />
      </section>
    </div>
  )
}
