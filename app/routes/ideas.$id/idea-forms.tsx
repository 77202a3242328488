import { Form } from '@remix-run/react'
import { useT } from '#app/i18n/use-t.ts'
import { Button } from '#app/components/ui/button.tsx'
import { Field, SelectField, TextAreaField } from '#app/components/ui/field.tsx'
import { FormErrors } from '#app/components/ui/form-errors.tsx'
import { type IdeaStatus } from '#app/domain/vocabulary.ts'

type FormState = {
  /** The field errors and sent values of the form the last reply was for (empty for the others). */
  errorsFor: (intent: string) => Record<string, string[]>
  valuesFor: (intent: string) => Record<string, string>
}

/** An invited co-author accepts or declines. */
export function InvitationAnswer({ errors }: { errors?: string[] }) {
  const { t } = useT()
  return (
    <section aria-labelledby="invitation-title" className="space-y-3 rounded-lg border border-brand-700 bg-white p-4">
        <h2 id="invitation-title" className="text-lg font-semibold">
          {t('ideas.invite.pendingTitle')}
        </h2>
        <p>{t('ideas.invite.pendingBody')}</p>
        <FormErrors errors={errors} />
        <div className="flex gap-3">
          <Form method="post">
            <input type="hidden" name="intent" value="accept" />
            <Button type="submit">{t('ideas.invite.accept')}</Button>
          </Form>
          <Form method="post">
            <input type="hidden" name="intent" value="decline" />
            <Button type="submit" variant="secondary">
              {t('ideas.invite.decline')}
            </Button>
          </Form>
        </div>
      </section>
  )
}

/** An author invites a co-author by e-mail. */
export function InviteCoauthor({ errorsFor, valuesFor }: FormState) {
  const { t } = useT()
  return (
    <section aria-labelledby="invite-title" className="space-y-3 rounded-lg bg-white p-4 shadow-sm">
        <h2 id="invite-title" className="text-lg font-semibold">
          {t('ideas.invite.title')}
        </h2>
        <Form method="post" className="space-y-3" noValidate>
          <input type="hidden" name="intent" value="invite" />
          <FormErrors errors={errorsFor('invite').form} />
          <Field label={t('ideas.invite.email')} hint={t('ideas.invite.help')} name="email" type="email" autoComplete="off" required defaultValue={valuesFor('invite').email} errors={errorsFor('invite').email} />
          <Button type="submit" variant="secondary">
            {t('ideas.invite.submit')}
          </Button>
        </Form>
      </section>
  )
}

/** A facilitator moves the idea to another status (or restores a hidden one) with a public reason. */
export function DecideStatus({ status, transitions, errorsFor, valuesFor }: FormState & { status: IdeaStatus; transitions: IdeaStatus[] }) {
  const { t } = useT()
  return (
    <section aria-labelledby="decide-title" className="space-y-3 rounded-lg bg-white p-4 shadow-sm">
        <h2 id="decide-title" className="text-lg font-semibold">
          {t('ideas.decide.title')}
        </h2>
        {status === 'hidden' ? (
          <Form method="post" className="space-y-3" noValidate>
            <input type="hidden" name="intent" value="restore" />
            <FormErrors errors={errorsFor('restore').form} />
            <TextAreaField label={t('ideas.decide.reason')} name="reason" rows={2} defaultValue={valuesFor('restore').reason} errors={errorsFor('restore').reason} />
            <Button type="submit" variant="secondary">
              {t('ideas.decide.restore')}
            </Button>
          </Form>
        ) : transitions.length ? (
          <Form method="post" className="space-y-3" noValidate>
            <input type="hidden" name="intent" value="status" />
            <FormErrors errors={errorsFor('status').form} />
            <SelectField label={t('ideas.decide.status')} name="status" defaultValue={valuesFor('status').status} errors={errorsFor('status').status}>
              {transitions.map((s) => (
                <option key={s} value={s}>
                  {t(`ideas.status.${s}`)}
                </option>
              ))}
            </SelectField>
            <TextAreaField label={t('ideas.decide.reason')} hint={t('ideas.decide.reasonHint')} name="reason" rows={3} defaultValue={valuesFor('status').reason} errors={errorsFor('status').reason} />
            <Button type="submit" variant="secondary">
              {t('ideas.decide.submit')}
            </Button>
          </Form>
        ) : (
          <p className="text-slate-700">{t('ideas.decide.noMoves')}</p>
        )}
      </section>
  )
}

/** A facilitator merges the idea into another of the challenge, with a public reason. */
export function MergeIdea({ candidates, errorsFor, valuesFor }: FormState & { candidates: { id: string; title: string }[] }) {
  const { t } = useT()
  return (
    <section aria-labelledby="merge-title" className="space-y-3 rounded-lg bg-white p-4 shadow-sm">
        <h2 id="merge-title" className="text-lg font-semibold">
          {t('ideas.decide.mergeTitle')}
        </h2>
        <p className="text-sm text-slate-700">{t('ideas.decide.mergeHelp')}</p>
        {candidates.length ? (
          <Form method="post" className="space-y-3" noValidate>
            <input type="hidden" name="intent" value="merge" />
            <FormErrors errors={errorsFor('merge').form} />
            <SelectField label={t('ideas.decide.mergeTarget')} name="targetId" defaultValue={valuesFor('merge').targetId} errors={errorsFor('merge').targetId}>
              {candidates.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.title}
                </option>
              ))}
            </SelectField>
            <TextAreaField label={t('ideas.decide.mergeReason')} name="reason" rows={2} required defaultValue={valuesFor('merge').reason} errors={errorsFor('merge').reason} />
            <Button type="submit" variant="secondary">
              {t('ideas.decide.mergeSubmit')}
            </Button>
          </Form>
        ) : (
          <p className="text-slate-700">{t('ideas.decide.noTargets')}</p>
        )}
      </section>
  )
}
