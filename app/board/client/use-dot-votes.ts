import { useFetcher } from '@remix-run/react'
import { useCallback, useEffect, useState } from 'react'
import { type SessionView } from '#app/services/sessions/session-view.ts'

/** What `/sesiones/:id/puntos` answers (GET: the current state; POST: the state after the change). */
export type DotStateReply =
  | { ok: true; budget: number; mine: Record<string, number>; remaining: number; totals: Record<string, number> | null }
  | { ok: false; messageKey: string }

export type DotVotes = {
  /** Dots this participant placed, per note id. */
  mine: Record<string, number>
  /** Everyone's dots per note: null until the reveal phase (do not show totals before). */
  totals: Record<string, number> | null
  remaining: number
  budget: number
  /** Whether dots can be placed now (live, voting phase). */
  open: boolean
  /** The i18n key of the last refusal, if the last change was refused. */
  error: string | null
  busy: boolean
  vote: (noteId: string, delta: 1 | -1) => void
}

/**
 * The participant's dots in a session, through the dot-vote route: loaded when the session's
 * phase or status changes, updated by each vote's answer (the server's count, never a guess).
 */
export function useDotVotes(session: Pick<SessionView, 'id' | 'phase' | 'status' | 'dotBudget'>): DotVotes {
  const loader = useFetcher<DotStateReply>()
  const voter = useFetcher<DotStateReply>()
  const [state, setState] = useState<Extract<DotStateReply, { ok: true }> | null>(null)
  const [error, setError] = useState<string | null>(null)
  const url = `/sesiones/${session.id}/puntos`
  const { load } = loader

  useEffect(() => {
    load(url)
  }, [load, url, session.phase, session.status])
  // Each new answer (a load or a vote) replaces the state; adjusted while rendering, not in an effect.
  const [seenLoad, setSeenLoad] = useState(loader.data)
  if (loader.data !== seenLoad) {
    setSeenLoad(loader.data)
    if (loader.data?.ok) setState(loader.data)
  }
  const [seenVote, setSeenVote] = useState(voter.data)
  if (voter.data !== seenVote) {
    setSeenVote(voter.data)
    if (voter.data?.ok) {
      setState(voter.data)
      setError(null)
    } else if (voter.data) setError(voter.data.messageKey)
  }

  const { submit } = voter
  const vote = useCallback(
    (noteId: string, delta: 1 | -1) => submit({ noteId, delta: String(delta), enhanced: '1' }, { method: 'post', action: url }),
    [submit, url],
  )
  const revealed = session.phase === 'reveal' || session.status === 'ended'
  return {
    mine: state?.mine ?? {},
    totals: revealed ? (state?.totals ?? null) : null,
    remaining: state?.remaining ?? session.dotBudget,
    budget: state?.budget ?? session.dotBudget,
    open: session.status === 'live' && session.phase === 'voting',
    error,
    busy: voter.state !== 'idle',
    vote,
  }
}
