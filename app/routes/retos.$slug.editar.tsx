import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useT } from '#app/i18n/use-t.ts'
import { ChallengeForm, type ChallengeFormValues } from '#app/components/challenges/challenge-form.tsx'
import { getT } from '#app/i18n/i18n.ts'
import { dateFields, toLabDateTimeInput } from '#app/services/challenges/challenge-schemas.ts'
import { canEditChallenge, coverImageUrl, getChallengeRow, updateChallenge } from '#app/services/challenges/challenges.server.ts'
import { can } from '#app/services/platform/permissions.ts'
import { votingRulesEditable } from '#app/services/challenges/phases.ts'
import { listInstitutions } from '#app/services/accounts/institutions.server.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { submitChallengeForm } from '#app/utils/challenge-form.server.ts'
import { redirectWithFlash } from '#app/utils/flash.server.ts'
import { rethrowAsErrorPage } from '#app/utils/error-page.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

/** The challenge this person may edit: 404 when they may not see it, 403 when they may see but not edit it. */
async function requireEditable(context: LoaderFunctionArgs['context'], request: Request, slug: string) {
  const user = requireUser(context, request)
  try {
    const challenge = await getChallengeRow(user, slug)
    if (!canEditChallenge(user, challenge)) throw data({ code: 'forbidden' }, { status: 403 })
    return { user, challenge }
  } catch (error) {
    rethrowAsErrorPage(error)
  }
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, challenge } = await requireEditable(context, request, params.slug ?? '')
  const institutions = await listInstitutions()
  const values: ChallengeFormValues = {
    title: challenge.title,
    problem: challenge.problem,
    institutionId: challenge.institutionId,
    serviceArea: challenge.serviceArea,
    department: challenge.department ?? '',
    municipality: challenge.municipality ?? '',
    sdgTargets: challenge.sdgTargets,
    ...(Object.fromEntries(dateFields.map((f) => [f, toLabDateTimeInput(challenge[f])])) as Record<(typeof dateFields)[number], string>),
    votingMethod: challenge.votingMethod,
    votingBudget: String(challenge.votingBudget),
    votingMaxPerIdea: String(challenge.votingMaxPerIdea),
  }
  return {
    title: `${getT(context.lang)('challenges.form.editTitle')} · ${challenge.title} · Cocrea`,
    lang: context.lang,
    slug: challenge.slug,
    challengeTitle: challenge.title,
    values,
    fixedInstitution: !can(user, 'update:challenge'),
    votingFrozen: !votingRulesEditable(challenge.phase),
    currentCover: coverImageUrl(challenge.coverImage),
    institutions: institutions.map((i) => ({ id: i.id, acronym: i.acronym, name: i.name })),
  }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, challenge } = await requireEditable(context, request, params.slug ?? '')
  return submitChallengeForm(request, async (input, cover, formData) => {
    await updateChallenge(user, challenge.id, input, { cover: cover ?? (formData.get('removeCover') === '1' ? null : undefined) })
    return redirectWithFlash(`/retos/${challenge.slug}`, { key: 'challenges.saved' })
  })
}

export default function EditChallenge() {
  const { t } = useT()
  const loaded = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()
  const values: ChallengeFormValues = reply
    ? { ...loaded.values, ...reply.values, sdgTargets: reply.sdgTargets, institutionId: loaded.fixedInstitution ? loaded.values.institutionId : (reply.values.institutionId ?? '') }
    : loaded.values
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div>
        <h1 className="text-3xl font-bold text-brand-900">{t('challenges.form.editTitle')}</h1>
        <p className="mt-2 text-lg text-slate-700">{loaded.challengeTitle}</p>
      </div>
      <section className="rounded-lg bg-white p-6 shadow-sm">
        <ChallengeForm
          values={values}
          errors={reply?.errors ?? {}}
          institutions={loaded.institutions}
          fixedInstitution={loaded.fixedInstitution}
          votingFrozen={loaded.votingFrozen}
          currentCover={loaded.currentCover}
          submitLabel={t('challenges.form.submitSave')}
          cancelTo={`/retos/${loaded.slug}`}
          lang={loaded.lang}
        />
      </section>
    </div>
  )
}
