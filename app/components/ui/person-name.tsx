import { Link } from '@remix-run/react'
import { useT } from '#app/i18n/use-t.ts'
import { Avatar } from './avatar.tsx'

export type PersonRef = { id: string; name: string; deleted?: boolean }

/** Where a person's public profile lives. */
export const profilePath = (id: string) => `/personas/${id}`

/**
 * An author's name as the site writes it (issue 11 §3): a link to their public profile, with their
 * avatar when asked; a deleted account is written "Cuenta eliminada", with no link and no avatar.
 */
export function PersonName({ person, avatar = false, className = '' }: { person: PersonRef; avatar?: boolean; className?: string }) {
  const { t } = useT()
  if (person.deleted) {
    return (
      <span className={`italic ${className}`} data-person-deleted="">
        {t('people.deleted')}
      </span>
    )
  }
  return (
    <span className={`inline-flex items-center gap-2 ${className}`}>
      {avatar ? <Avatar name={person.name} size="sm" /> : null}
      <Link to={profilePath(person.id)} className="font-semibold" data-person={person.id}>
        {person.name}
      </Link>
    </span>
  )
}
