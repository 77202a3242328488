import { useCallback, useEffect, useRef, useState } from 'react'
import { type Awareness } from 'y-protocols/awareness'
import { type Rect } from './layout.ts'
import { useLatestRef } from './use-latest-ref.ts'
import { type UseViewport } from './use-viewport.ts'
import { sameViewport, showing, visibleRect, type Viewport } from './viewport.ts'

/** How often the facilitator's view is shared while it moves (the last position always goes out). */
const SHARE_EVERY_MS = 120

/** The facilitator's part of one's awareness state: what their canvas shows, in board coordinates. */
type SharedView = { lead: true; rect: Rect }

const isRect = (r: unknown): r is Rect => {
  const v = r as Rect | null
  return !!v && [v.x, v.y, v.w, v.h].every((n) => typeof n === 'number' && Number.isFinite(n)) && v.w > 0 && v.h > 0
}

/** Roles that run sessions. The server stamps `user` (with the role) on every awareness state, so a participant cannot pose as one. */
const LEAD_ROLES = new Set(['facilitator', 'admin'])

function leadRectOf(state: Record<string, unknown> | undefined): Rect | null {
  const view = state?.view as Partial<SharedView> | undefined
  const role = (state?.user as { role?: unknown } | undefined)?.role
  return view?.lead === true && typeof role === 'string' && LEAD_ROLES.has(role) && isRect(view.rect) ? view.rect : null
}

export type FollowOptions = {
  /** This person leads the session (a facilitator): their view is shared. */
  lead: boolean
  /** Following is possible (a live session) and starts on for people who do not lead. */
  available: boolean
}

/**
 * "Follow the facilitator" over Yjs awareness (free-form state, so the board protocol's frames
 * do not change): the facilitator's canvas publishes the part of the board it shows; the others'
 * canvases show that same part (fitted to their own screen) while following is on. Moving one's
 * own view (pan, zoom, keys, wheel, pinch) stops following; `setFollowing(true)` resumes it.
 */
export function useFollow(awareness: Awareness, view: UseViewport, { lead, available }: FollowOptions) {
  const [following, setFollowingState] = useState(available && !lead)
  const [leadRect, setLeadRect] = useState<Rect | null>(null)
  const applied = useRef<Viewport | null>(null)
  const { viewport, ref, setViewport } = view

  // The canvas's size: a resized window (or full screen) changes what the facilitator shows, and how a follower fits it.
  const [size, setSize] = useState<{ width: number; height: number } | null>(null)
  useEffect(() => {
    const el = ref.current
    if (!el || typeof ResizeObserver === 'undefined' || !available) return
    const observer = new ResizeObserver(([entry]) => setSize({ width: Math.round(entry.contentRect.width), height: Math.round(entry.contentRect.height) }))
    observer.observe(el)
    return () => observer.disconnect()
  }, [ref, available])

  // The facilitator shares their view, at most every SHARE_EVERY_MS while it changes.
  const lastShared = useRef(0)
  useEffect(() => {
    if (!lead || !available) return
    const share = () => {
      const el = ref.current
      if (!el) return
      lastShared.current = Date.now()
      const rect = visibleRect(viewport, el.getBoundingClientRect())
      const round = (n: number) => Math.round(n * 10) / 10
      awareness.setLocalStateField('view', { lead: true, rect: { x: round(rect.x), y: round(rect.y), w: round(rect.w), h: round(rect.h) } } satisfies SharedView)
    }
    const wait = lastShared.current + SHARE_EVERY_MS - Date.now()
    if (wait <= 0) {
      share()
      return
    }
    const id = setTimeout(share, wait)
    return () => clearTimeout(id)
  }, [awareness, lead, available, viewport, ref, size])

  useEffect(() => {
    if (!lead || !available) return
    return () => awareness.setLocalStateField('view', null)
  }, [awareness, lead, available])

  // Everyone else listens for the facilitator's view (the one that moved last, when there are several).
  useEffect(() => {
    if (lead || !available) return
    const read = ({ added, updated }: { added: number[]; updated: number[] }) => {
      const states = awareness.getStates()
      for (const id of [...updated, ...added]) {
        if (id === awareness.clientID) continue
        const rect = leadRectOf(states.get(id))
        if (rect) {
          setLeadRect(rect)
          return
        }
      }
      // The one followed may have left: fall back to any other facilitator still here.
      let any: Rect | null = null
      states.forEach((state, id) => {
        if (id !== awareness.clientID) any ??= leadRectOf(state)
      })
      setLeadRect((current) => (any ? current ?? any : null))
    }
    read({ added: [...awareness.getStates().keys()], updated: [] })
    awareness.on('change', read)
    return () => awareness.off('change', read)
  }, [awareness, lead, available])

  // While following, show what the facilitator shows.
  useEffect(() => {
    const el = ref.current
    if (!following || !leadRect || !el) return
    const next = showing(leadRect, el.getBoundingClientRect())
    applied.current = next
    setViewport(next)
  }, [following, leadRect, ref, setViewport, size])

  // A new view that is not the one following set means the person moved it: stop following.
  const followingNow = useLatestRef(following)
  useEffect(() => {
    if (followingNow.current && applied.current && viewport !== applied.current && !sameViewport(viewport, applied.current)) setFollowingState(false)
  }, [viewport, followingNow])

  const setFollowing = useCallback((on: boolean) => {
    applied.current = null
    setFollowingState(on)
  }, [])

  return { following, setFollowing, leaderPresent: leadRect !== null, shown: available && !lead }
}

export type UseFollow = ReturnType<typeof useFollow>
