import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useT } from '#app/i18n/use-t.ts'
import { Panel } from '#app/components/ui/panel.tsx'
import { Button } from '#app/components/ui/button.tsx'
import { Field, SelectField, TextAreaField } from '#app/components/ui/field.tsx'
import { FormErrors } from '#app/components/ui/form-errors.tsx'
import { profilePath } from '#app/components/ui/person-name.tsx'
import { getT, supportedLanguages } from '#app/i18n/i18n.ts'
import { listInstitutions } from '#app/services/accounts/institutions.server.ts'
import { accountDeletionSchema, emailChangeSchema, passwordChangeSchema, profileSchema } from '#app/services/platform/schemas.ts'
import { deleteMyAccount } from '#app/services/accounts/my-data.server.ts'
import { getProfileChoices, publicProfileSchema, updateProfileChoices } from '#app/services/accounts/profiles.server.ts'
import { changeEmail } from '#app/services/accounts/account-links.server.ts'
import { changePassword, updateProfile } from '#app/services/accounts/users.server.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { clearedSessionCookie, languageCookie } from '#app/utils/cookies.server.ts'
import { redirectWithFlash } from '#app/utils/flash.server.ts'
import { parseForm, replyWithDomainError } from '#app/utils/forms.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request)
  const institution = user.institutionId ? (await listInstitutions()).find((i) => i.id === user.institutionId) : undefined
  return {
    title: `${getT(context.lang)('settings.title')} · Cocrea`,
    user: { id: user.id, name: user.name, email: user.email, role: user.role, language: user.language },
    institution: institution ? `${institution.acronym} — ${institution.name}` : null,
    publicProfile: await getProfileChoices(user),
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request)
  const formData = await request.formData()
  const intent = formData.get('intent')
  try {
    if (intent === 'email') {
      const parsed = parseForm(formData, emailChangeSchema, 'email')
      if (!parsed.ok) return parsed.reply
      const changed = await changeEmail(user, parsed.value)
      return redirectWithFlash('/settings', { key: 'account.email.changed', values: { email: changed.email } })
    }
    if (intent === 'delete') {
      const parsed = parseForm(formData, accountDeletionSchema, 'delete')
      if (!parsed.ok) return parsed.reply
      await deleteMyAccount(user, parsed.value)
      return redirectWithFlash('/', { key: 'account.delete.done' }, { headers: { 'Set-Cookie': clearedSessionCookie() } })
    }
    if (intent === 'public-profile') {
      const parsed = parseForm(formData, publicProfileSchema, 'public-profile')
      if (!parsed.ok) return parsed.reply
      await updateProfileChoices(user, parsed.value)
      return redirectWithFlash('/settings', { key: 'people.settings.saved' })
    }
    if (intent === 'password') {
      const parsed = parseForm(formData, passwordChangeSchema, 'password')
      if (!parsed.ok) return parsed.reply
      await changePassword(user, context.auth?.session.id ?? null, parsed.value)
      return redirectWithFlash('/settings', { key: 'settings.passwordChanged' })
    }
    const parsed = parseForm(formData, profileSchema, 'profile')
    if (!parsed.ok) return parsed.reply
    const updated = await updateProfile(user, parsed.value)
    return redirectWithFlash('/settings', { key: 'settings.saved' }, { headers: { 'Set-Cookie': languageCookie(updated.language) } })
  } catch (error) {
    return replyWithDomainError(error, formData, String(intent))
  }
}

export default function Settings() {
  const { t } = useT()
  const { user, institution, publicProfile } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const errorsFor = (intent: string) => (actionData?.intent === intent ? actionData.errors : {})
  const profileErrors = errorsFor('profile')
  const passwordErrors = errorsFor('password')
  const publicErrors = errorsFor('public-profile')
  const deleteErrors = errorsFor('delete')
  const emailErrors = errorsFor('email')
  return (
    <div className="mx-auto max-w-2xl space-y-8">
      <h1 className="text-3xl font-bold text-brand-900">{t('settings.title')}</h1>
      <p className="flex flex-wrap gap-x-6 gap-y-2">
        <Link to="/mi-actividad" className="font-semibold">
          {t('people.activity.nav')}
        </Link>
        <Link to={profilePath(user.id)} className="font-semibold">
          {t('people.activity.publicProfile')}
        </Link>
      </p>
      <Panel title={t('settings.profileTitle')}>
        <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="font-medium">{t('auth.email')}</dt>
          <dd>{user.email}</dd>
          <dt className="font-medium">{t('settings.role')}</dt>
          <dd>{t(`roles.${user.role}`)}</dd>
          <dt className="font-medium">{t('settings.institution')}</dt>
          <dd>{institution ?? t('settings.noInstitution')}</dd>
        </dl>
        <Form method="post" className="mt-6 space-y-4" noValidate>
          <input type="hidden" name="intent" value="profile" />
          <FormErrors errors={profileErrors.form} />
          <Field label={t('auth.name')} name="name" autoComplete="name" required defaultValue={actionData?.intent === 'profile' ? actionData.values.name : user.name} errors={profileErrors.name} />
          <SelectField label={t('settings.language')} name="language" defaultValue={user.language} errors={profileErrors.language}>
            {supportedLanguages.map((lng) => (
              <option key={lng} value={lng} lang={lng}>
                {t(`language.${lng}`)}
              </option>
            ))}
          </SelectField>
          <Button type="submit">{t('settings.save')}</Button>
        </Form>
      </Panel>
      <Panel title={t('people.settings.title')} help={t('people.settings.help')}>
        <Form method="post" className="mt-4 space-y-4" noValidate>
          <input type="hidden" name="intent" value="public-profile" />
          <FormErrors errors={publicErrors.form} />
          <TextAreaField
            label={t('people.settings.bio')}
            hint={t('people.settings.bioHint')}
            name="bio"
            rows={3}
            maxLength={280}
            defaultValue={actionData?.intent === 'public-profile' ? actionData.values.bio : publicProfile.bio}
            errors={publicErrors.bio}
          />
          <div className="flex items-start gap-2">
            <input id="showSessions" type="checkbox" name="showSessions" defaultChecked={publicProfile.showSessions} className="mt-1 h-5 w-5" />
            <label htmlFor="showSessions">{t('people.settings.showSessions')}</label>
          </div>
          <Button type="submit">{t('people.settings.save')}</Button>
        </Form>
      </Panel>
      <Panel title={t('settings.passwordTitle')} help={t('settings.passwordHelp')}>
        <Form method="post" className="mt-4 space-y-4" noValidate>
          <input type="hidden" name="intent" value="password" />
          <FormErrors errors={passwordErrors.form} />
          <Field label={t('settings.currentPassword')} name="currentPassword" type="password" autoComplete="current-password" required errors={passwordErrors.currentPassword} />
          <Field label={t('settings.newPassword')} hint={t('auth.passwordHint')} name="newPassword" type="password" autoComplete="new-password" required errors={passwordErrors.newPassword} />
          <Field label={t('settings.confirmPassword')} name="confirmPassword" type="password" autoComplete="new-password" required errors={passwordErrors.confirmPassword} />
          <Button type="submit">{t('settings.changePassword')}</Button>
        </Form>
      </Panel>
      <Panel title={t('account.email.title')} help={t('account.email.help')}>
        <Form method="post" className="mt-4 space-y-4" noValidate>
          <input type="hidden" name="intent" value="email" />
          <FormErrors errors={emailErrors.form} />
          <Field label={t('account.email.newEmail')} name="email" type="email" autoComplete="email" required defaultValue={actionData?.intent === 'email' ? actionData.values.email : undefined} errors={emailErrors.email} />
          <Field label={t('settings.currentPassword')} name="currentPassword" type="password" autoComplete="current-password" required errors={emailErrors.currentPassword} />
          <Button type="submit">{t('account.email.submit')}</Button>
        </Form>
      </Panel>
      <Panel title={t('account.myData.title')} help={t('account.myData.help')}>
        <p className="mt-4 flex flex-wrap gap-x-4 gap-y-2">
          <a href="/settings/datos.json" download className="font-semibold underline">
            {t('account.myData.download')}
          </a>
          <Link to="/privacidad" className="underline">
            {t('account.myData.privacy')}
          </Link>
        </p>
      </Panel>
      <Panel title={t('account.delete.title')} help={t('account.delete.help')} tone="danger">
        <Form method="post" className="mt-4 space-y-4" noValidate>
          <input type="hidden" name="intent" value="delete" />
          <FormErrors errors={deleteErrors.form} />
          <Field label={t('account.delete.confirm')} name="currentPassword" type="password" autoComplete="current-password" required errors={deleteErrors.currentPassword} />
          <Button type="submit" variant="secondary">{t('account.delete.submit')}</Button>
        </Form>
      </Panel>
    </div>
  )
}
