import { Link, useFetcher, useLocation, useRevalidator, useSearchParams } from '@remix-run/react'
import { useEffect, useId, useRef, useState } from 'react'
import { useT } from '#app/i18n/use-t.ts'
import { type VotingState } from '#app/services/votes/votes.server.ts'
import { useHydrated } from '#app/utils/use-hydrated.ts'
import { useLiveTallies } from '#app/utils/use-live-tallies.ts'

/** Mirrors `votableStatuses` in votes.server.ts, only to hide controls; the server decides. */
const VOTABLE = ['published', 'shortlisted']
export const isVotableStatus = (status: string | undefined) => status === undefined || VOTABLE.includes(status)

/** Query parameters the vote route adds to the page it sends a person back to when a vote was refused (no JavaScript). */
export const VOTE_ERROR_PARAM = 'votoError'
export const VOTE_IDEA_PARAM = 'votoIdea'

/** The messages a refused vote can show; anything else in the address is ignored. */
export const voteErrorKeys = [
  'votes.errors.closed',
  'votes.errors.notVotable',
  'votes.errors.supportOnce',
  'votes.errors.maxPerIdea',
  'votes.errors.count',
  'errors.over_budget',
  'errors.outside_phase',
  'errors.rate_limited_generic',
  'errors.not_found',
  'errors.blocked',
  'errors.forbidden',
  'errors.unauthenticated',
] as const

/** What the vote route answers a fetcher (with JavaScript). */
export type VoteActionData =
  | { ok: true; ideaId: string; votes: number; mine: number; remaining: number | null }
  | { ok: false; ideaId: string; messageKey: string; values?: Record<string, number> }

type Idea = { id: string; title: string; status?: string }

/** The address to come back to after a vote without JavaScript: this page, without an earlier vote error, at this idea. */
function useReturnTo(anchor: string) {
  const location = useLocation()
  const params = new URLSearchParams(location.search)
  params.delete(VOTE_ERROR_PARAM)
  params.delete(VOTE_IDEA_PARAM)
  const search = params.toString()
  return `${location.pathname}${search ? `?${search}` : ''}#${anchor}`
}

/**
 * The vote control of one idea. A plain `<form method="post" action="/ideas/:id/voto">` that
 * works without JavaScript (the route redirects back here with a message); with JavaScript
 * the same form goes through a fetcher, so the page does not reload. support: one button
 * that gives or withdraws the vote; dots: a number from 0 (withdraw) to what one may still
 * give this idea, and Guardar.
 */
export function VoteControl({ idea, voting, anchor }: { idea: Idea; voting: VotingState; anchor?: string }) {
  const { t } = useT()
  const fetcher = useFetcher<VoteActionData>({ key: `vote:${idea.id}` })
  const hydrated = useHydrated()
  const returnTo = useReturnTo(anchor ?? `idea-${idea.id}`)
  const [searchParams] = useSearchParams()
  const selectId = useId()
  const messageId = useId()

  const mine = voting.mine[idea.id] ?? 0
  const busy = fetcher.state !== 'idle'
  const reply = fetcher.state === 'idle' ? fetcher.data : undefined
  // Refused without JavaScript: the route sent us back with the reason in the address.
  const urlErrorKey = searchParams.get(VOTE_IDEA_PARAM) === idea.id ? searchParams.get(VOTE_ERROR_PARAM) : null
  const errorMessage =
    reply && !reply.ok
      ? t(reply.messageKey, reply.values)
      : !reply && urlErrorKey && (voteErrorKeys as readonly string[]).includes(urlErrorKey)
        ? t(urlErrorKey)
        : null
  const okMessage = reply?.ok ? (reply.mine === 0 ? t('votes.withdrawn') : voting.method === 'dots' ? t('votes.castDots', { count: reply.mine }) : t('votes.cast')) : null

  const hidden = (
    <>
      <input type="hidden" name="redirectTo" value={returnTo} />
      {hydrated ? <input type="hidden" name="enhanced" value="1" /> : null}
    </>
  )

  let control
  if (voting.method === 'support') {
    control = (
      <fetcher.Form method="post" action={`/ideas/${idea.id}/voto`} aria-describedby={errorMessage || okMessage ? messageId : undefined}>
        {hidden}
        <input type="hidden" name="count" value={mine > 0 ? '0' : '1'} />
        <button
          type="submit"
          disabled={busy}
          aria-label={t(mine > 0 ? 'votes.withdrawSupportIdea' : 'votes.supportIdea', { title: idea.title })}
          className={`inline-flex items-center justify-center rounded px-3 py-1.5 text-sm font-semibold disabled:opacity-60 ${
            mine > 0 ? 'border border-brand-700 bg-white text-brand-800 hover:bg-brand-50' : 'bg-brand-700 text-white hover:bg-brand-800'
          }`}
        >
          {busy ? t('votes.saving') : t(mine > 0 ? 'votes.withdrawSupport' : 'votes.support')}
        </button>
      </fetcher.Form>
    )
  } else {
    const remaining = voting.remaining ?? 0
    const most = Math.max(mine, Math.min(voting.maxPerIdea, mine + remaining))
    control = (
      <fetcher.Form method="post" action={`/ideas/${idea.id}/voto`} className="flex flex-wrap items-end gap-2">
        {hidden}
        <div>
          <label htmlFor={selectId} className="block text-sm font-medium text-slate-800">
            {t('votes.dotsLabel', { title: idea.title })}
          </label>
          <select
            key={mine}
            id={selectId}
            name="count"
            defaultValue={String(mine)}
            aria-describedby={errorMessage || okMessage ? messageId : undefined}
            className="mt-1 rounded border border-slate-400 bg-white px-2 py-1.5 text-slate-900"
          >
            {Array.from({ length: most + 1 }, (_, n) => (
              <option key={n} value={n}>
                {t('votes.dotsOption', { count: n })}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" disabled={busy} className="rounded bg-brand-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-800 disabled:opacity-60">
          {busy ? t('votes.saving') : t('votes.save')}
        </button>
      </fetcher.Form>
    )
  }

  return (
    <div className="space-y-1">
      {control}
      {errorMessage ? (
        <p id={messageId} role="alert" className="text-sm font-medium text-red-700">
          {errorMessage}
        </p>
      ) : okMessage ? (
        <p id={messageId} role="status" className="text-sm text-emerald-800">
          {okMessage}
        </p>
      ) : null}
    </div>
  )
}

/** "Tienes X votos, te quedan Y" (dots) or how many ideas one supports; the rules for everyone else. */
export function VotingSummary({ voting }: { voting: VotingState }) {
  const { t } = useT()
  const location = useLocation()
  if (!voting.open) return null
  const rules = voting.method === 'dots' ? t('votes.rulesDots', { budget: voting.budget, max: voting.maxPerIdea }) : t('votes.rulesSupport')
  if (!voting.signedIn) {
    return (
      <p className="text-sm text-slate-700">
        {rules}{' '}
        <Link to={`/login?${new URLSearchParams({ redirectTo: location.pathname + location.search })}`} className="font-semibold underline">
          {t('votes.signInToVote')}
        </Link>
      </p>
    )
  }
  if (!voting.canVote) return <p className="text-sm text-slate-700">{t('votes.blocked')}</p>
  return (
    <p className="text-sm font-medium text-slate-800" data-voting-summary="">
      {voting.method === 'dots'
        ? t('votes.budget', { count: voting.budget, remaining: voting.remaining ?? voting.budget })
        : t('votes.supportSummary', { count: voting.used })}
    </p>
  )
}

/** Whether this person sees a vote control for an idea now. */
export const showsVoteControl = (voting: VotingState | null | undefined, status?: string): voting is VotingState =>
  !!voting && voting.open && voting.signedIn && voting.canVote && isVotableStatus(status)

/**
 * Announces tally changes politely and seldom: at most one sentence every `everyMs`, about
 * the latest change, so a screen reader is not talked over during a busy vote.
 */
export function useTallyAnnouncer(everyMs = 10_000) {
  const [message, setMessage] = useState('')
  const last = useRef(0)
  const pending = useRef<string | null>(null)
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  useEffect(() => () => clearTimeout(timer.current), [])
  const announce = (text: string) => {
    const wait = last.current + everyMs - Date.now()
    if (wait <= 0) {
      last.current = Date.now()
      setMessage(text)
      return
    }
    pending.current = text
    if (timer.current) return
    timer.current = setTimeout(() => {
      timer.current = undefined
      last.current = Date.now()
      if (pending.current) setMessage(pending.current)
      pending.current = null
    }, wait)
  }
  return { message, announce }
}

/**
 * The vote area of one idea's page: its live tally, what the person has and has left, and
 * the vote control (or a sign-in link). `votes` is the idea's tally as the page loaded it.
 */
export function VotePanel({ ideaId, voting, votes = 0, title = '', status }: { ideaId: string; voting: VotingState | null; votes?: number; title?: string; status?: string }) {
  const { t } = useT()
  const revalidator = useRevalidator()
  const { message, announce } = useTallyAnnouncer()
  const tallies = useLiveTallies(voting?.challengeId, { [ideaId]: votes }, {
    onUpdate: (u) => {
      if (u.ideaId === ideaId) announce(t('votes.tally', { count: u.votes }))
    },
    onReconnect: () => revalidator.revalidate(),
  })
  const tally = tallies[ideaId] ?? votes
  return (
    <section id="voto" aria-labelledby="voto-title" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="voto-title" className="text-lg font-semibold">
        {t('votes.votingTitle')}
      </h2>
      <p className="text-2xl font-bold text-brand-900" data-idea-tally={ideaId}>
        {t('votes.tally', { count: tally })}
      </p>
      <p className="sr-only" aria-live="polite">
        {message}
      </p>
      {voting ? <VotingSummary voting={voting} /> : null}
      {showsVoteControl(voting, status) ? <VoteControl idea={{ id: ideaId, title, status }} voting={voting} anchor="voto" /> : null}
    </section>
  )
}
