import { Form, Link, useLocation } from '@remix-run/react'
import { useEffect, useId, useRef, useState } from 'react'
import { useT } from '#app/i18n/use-t.ts'
import { useSessionState } from '#app/board/client/use-session-state.ts'
import { type SessionView } from '#app/services/sessions/session-view.ts'
import { sessionPhases } from '#app/domain/vocabulary.ts'

const statusClass: Record<SessionView['status'], string> = {
  scheduled: 'bg-slate-100 text-slate-800 border-slate-500',
  live: 'bg-emerald-50 text-emerald-900 border-emerald-700',
  ended: 'bg-slate-200 text-slate-800 border-slate-600',
}

/** mm:ss (h:mm:ss past an hour) of a duration; never negative. */
export function formatDuration(ms: number) {
  const total = Math.max(0, Math.ceil(ms / 1000))
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  const mmss = `${String(m).padStart(h ? 2 : 1, '0')}:${String(s).padStart(2, '0')}`
  return h ? `${h}:${mmss}` : mmss
}

/** Milliseconds left on the shared countdown, ticking each second while it runs; null when unset. */
function useRemaining(timer: SessionView['timer']) {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (!timer.endsAt) return
    const tick = () => setNow(Date.now())
    const first = setTimeout(tick, 0)
    const id = setInterval(tick, 1000)
    return () => {
      clearTimeout(first)
      clearInterval(id)
    }
  }, [timer.endsAt])
  if (timer.endsAt) return { running: true, ms: Math.max(0, new Date(timer.endsAt).getTime() - now) }
  if (timer.remainingMs !== null) return { running: false, ms: timer.remainingMs }
  return null
}

/**
 * The countdown everyone in the session sees: computed from the server's `endsAt`, so every
 * screen shows the same time. Screen readers hear it politely once a minute and when time is up,
 * not every second.
 */
function Countdown({ timer, announce }: { timer: SessionView['timer']; announce: boolean }) {
  const { t } = useT()
  const remaining = useRemaining(timer)
  const minutesLeft = remaining?.running ? Math.ceil(remaining.ms / 60_000) : null
  const announcement = !remaining ? '' : remaining.running ? (remaining.ms === 0 ? t('sessions.bar.timeUp') : t('sessions.bar.remaining', { time: formatDuration(minutesLeft! * 60_000) })) : t('sessions.bar.paused', { time: formatDuration(remaining.ms) })
  return (
    <div>
      <dt className="text-xs font-medium uppercase text-slate-600">{t('sessions.bar.timer')}</dt>
      <dd>
        {remaining ? (
          <span role="timer" className={`font-mono text-xl font-bold tabular-nums ${remaining.running && remaining.ms === 0 ? 'text-red-700' : 'text-slate-900'}`} suppressHydrationWarning data-testid="session-timer">
            {remaining.running ? formatDuration(remaining.ms) : t('sessions.bar.paused', { time: formatDuration(remaining.ms) })}
          </span>
        ) : (
          <span className="text-slate-700">{t('sessions.bar.noTimer')}</span>
        )}
        {announce ? (
          <span className="sr-only" aria-live="polite" aria-atomic="true" suppressHydrationWarning>
            {announcement}
          </span>
        ) : null}
      </dd>
    </div>
  )
}

/**
 * The session's bar on the board page: title, status, phase, the shared countdown, the code and
 * the join link; for facilitators (`canRun`), the controls as plain forms that work without
 * JavaScript (they post to /sesiones/:id/control and come back here).
 */
export function SessionBar({ session: initial, canRun, announce = true }: { session: SessionView; canRun: boolean; announce?: boolean }) {
  const { t } = useT()
  const session = useSessionState(initial)
  const location = useLocation()
  const back = location.pathname + location.search
  const joinPath = `/sesiones/unirse?codigo=${session.code}`
  const headingId = useId()
  const phaseAnnouncement = session.status === 'live' && session.phase ? t(`sessions.phases.${session.phase}`) : t(`sessions.status.${session.status}`)

  return (
    <section aria-labelledby={headingId} className="space-y-3 rounded-lg border border-slate-300 bg-white p-4 shadow-sm" data-testid="session-bar">
      <div className="flex flex-wrap items-center gap-3">
        <h2 id={headingId} className="text-lg font-semibold text-brand-900">
          <Link to={`/sesiones/${session.id}`}>{session.title}</Link>
        </h2>
        <span className={`rounded border px-2 py-0.5 text-sm font-medium ${statusClass[session.status]}`}>{t(`sessions.status.${session.status}`)}</span>
        {session.locked ? <span className="rounded border border-amber-700 bg-amber-50 px-2 py-0.5 text-sm text-amber-900">{t('sessions.bar.locked')}</span> : null}
      </div>
      {announce ? (
        <p className="sr-only" aria-live="polite">
          {phaseAnnouncement}
        </p>
      ) : null}
      <dl className="flex flex-wrap items-start gap-x-8 gap-y-3">
        {session.status === 'live' && session.phase ? (
          <div>
            <dt className="text-xs font-medium uppercase text-slate-600">{t('sessions.bar.phase')}</dt>
            <dd className="font-semibold" data-testid="session-phase">
              {t(`sessions.phases.${session.phase}`)}
            </dd>
            <dd className="max-w-xs text-sm text-slate-700">{t(`sessions.phaseHints.${session.phase}`)}</dd>
          </div>
        ) : null}
        {session.status === 'live' ? <Countdown timer={session.timer} announce={announce} /> : null}
        {session.status !== 'ended' && session.code ? (
          <div>
            <dt className="text-xs font-medium uppercase text-slate-600">{t('sessions.bar.code')}</dt>
            <dd className="font-mono text-xl font-bold tracking-widest" data-testid="session-code">
              {session.code}
            </dd>
            <dd className="text-sm">
              <a href={joinPath}>{t('sessions.bar.joinLink')}</a>
            </dd>
          </div>
        ) : null}
      </dl>
      {canRun && session.status !== 'ended' ? <SessionControls session={session} back={back} /> : null}
    </section>
  )
}

const SOUND_KEY = 'cocrea:timer-sound'

/** A short, soft two-tone beep (WebAudio, no file); silent where audio is unavailable. */
function beep(context: AudioContext) {
  const start = context.currentTime
  for (const [offset, frequency] of [
    [0, 880],
    [0.18, 660],
  ] as const) {
    const osc = context.createOscillator()
    const gain = context.createGain()
    osc.frequency.value = frequency
    gain.gain.setValueAtTime(0.0001, start + offset)
    gain.gain.exponentialRampToValueAtTime(0.2, start + offset + 0.02)
    gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.16)
    osc.connect(gain).connect(context.destination)
    osc.start(start + offset)
    osc.stop(start + offset + 0.17)
  }
}

/**
 * The person's choice to hear a chime when time is up: off unless they turn it on (remembered on
 * this device). The audio context is made on that click, so browsers allow it to play later.
 */
function useChime() {
  const [on, setOn] = useState(false)
  const context = useRef<AudioContext | null>(null)
  // Read after hydration (the server cannot know it), like the countdown's first tick.
  useEffect(() => {
    const id = setTimeout(() => {
      try {
        setOn(localStorage.getItem(SOUND_KEY) === 'on')
      } catch {
        // Storage may be unavailable (private mode): the choice lasts for the page.
      }
    }, 0)
    return () => clearTimeout(id)
  }, [])
  const ensure = () => {
    if (!context.current && typeof AudioContext !== 'undefined') context.current = new AudioContext()
    void context.current?.resume().catch(() => {})
    return context.current
  }
  const toggle = () => {
    const next = !on
    setOn(next)
    try {
      localStorage.setItem(SOUND_KEY, next ? 'on' : 'off')
    } catch {
      // See above.
    }
    if (next) ensure()
  }
  const chime = () => {
    if (!on) return
    const ctx = ensure()
    if (ctx) beep(ctx)
    document.documentElement.dataset.chimed = String(Number(document.documentElement.dataset.chimed ?? 0) + 1)
  }
  return { on, toggle, chime }
}

/**
 * The session in the board's slim bar: status or phase, the shared countdown, and when it runs
 * out "time is up" in a polite live region (with a chime for those who turned sound on). The
 * panel's full bar is quiet, so screen readers hear each change once.
 */
export function SessionStatus({ session: initial }: { session: SessionView }) {
  const { t } = useT()
  const session = useSessionState(initial)
  const remaining = useRemaining(session.timer)
  const sound = useChime()
  const live = session.status === 'live'
  const timeUp = live && !!remaining?.running && remaining.ms === 0
  const minutesLeft = remaining?.running ? Math.ceil(remaining.ms / 60_000) : null
  const announcement = !live || !remaining ? '' : timeUp ? t('sessions.bar.timeUp') : remaining.running ? t('sessions.bar.remaining', { time: formatDuration(minutesLeft! * 60_000) }) : t('sessions.bar.paused', { time: formatDuration(remaining.ms) })
  const phaseText = live && session.phase ? t(`sessions.phases.${session.phase}`) : t(`sessions.status.${session.status}`)

  // The chime rings once, when a running countdown reaches zero while the page is open.
  const wasRunning = useRef(false)
  const { chime } = sound
  useEffect(() => {
    if (timeUp && wasRunning.current) chime()
    wasRunning.current = !!remaining?.running && remaining.ms > 0
  }, [timeUp, remaining?.running, remaining?.ms, chime])

  return (
    <>
      <span className={`rounded border px-2 py-0.5 text-sm font-medium ${live ? statusClass.live : statusClass[session.status]}`} data-testid="bar-phase">
        <span className="sr-only">{live && session.phase ? `${t('sessions.bar.phase')}: ` : `${t('sessions.bar.status')}: `}</span>
        {phaseText}
      </span>
      {live && remaining ? (
        <span role="timer" suppressHydrationWarning data-testid="bar-timer" className={`font-mono text-base font-bold tabular-nums ${timeUp ? 'text-red-700' : 'text-slate-900'}`}>
          <span className="sr-only">{t('sessions.bar.timer')}: </span>
          {remaining.running ? formatDuration(remaining.ms) : t('sessions.bar.paused', { time: formatDuration(remaining.ms) })}
        </span>
      ) : null}
      {/* "Time is up" is shown and heard (politely) in the same place; before that, the minutes left, heard only. */}
      <span aria-live="polite" aria-atomic="true" suppressHydrationWarning>
        {timeUp ? (
          <span className="rounded bg-red-700 px-2 py-0.5 text-sm font-semibold text-white" data-testid="time-up">
            {t('sessions.bar.timeUp')}
          </span>
        ) : (
          <span className="sr-only">{announcement}</span>
        )}
      </span>
      <span className="sr-only" aria-live="polite">
        {phaseText}
      </span>
      {live ? (
        <button type="button" aria-pressed={sound.on} onClick={sound.toggle} className="rounded-md px-2 py-1 text-sm font-medium text-slate-700 hover:bg-slate-100" title={t('sessions.bar.sound')}>
          <svg aria-hidden="true" viewBox="0 0 24 24" className="inline h-4 w-4" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
            <path d="M11 5 6 9H2v6h4l5 4zM15.5 8.5a5 5 0 0 1 0 7M19 5a10 10 0 0 1 0 14" />
            {sound.on ? null : <path d="M3 3l18 18" />}
          </svg>
          <span className="sr-only">{t('sessions.bar.sound')}</span>
        </button>
      ) : null}
    </>
  )
}

const smallButton = 'rounded border border-brand-700 bg-white px-3 py-1.5 text-sm font-semibold text-brand-800 hover:bg-brand-50'
const primaryButton = 'rounded bg-brand-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-800'

function ControlForm({ sessionId, back, intent, children, className = '' }: { sessionId: string; back: string; intent: string; children: React.ReactNode; className?: string }) {
  return (
    <Form method="post" action={`/sesiones/${sessionId}/control`} className={className}>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="redirectTo" value={back} />
      {children}
    </Form>
  )
}

function SessionControls({ session, back }: { session: SessionView; back: string }) {
  const { t } = useT()
  const minutesId = useId()
  const phaseId = useId()
  const common = { sessionId: session.id, back }
  return (
    <div role="group" aria-label={t('sessions.bar.controls')} className="flex flex-wrap items-end gap-4 border-t border-slate-200 pt-3">
      {session.status === 'scheduled' ? (
        <ControlForm {...common} intent="start">
          <button type="submit" className={primaryButton}>
            {t('sessions.bar.start')}
          </button>
        </ControlForm>
      ) : null}
      {session.status === 'live' ? (
        <>
          <ControlForm {...common} intent="timer" className="flex items-end gap-2">
            <input type="hidden" name="action" value="start" />
            <div>
              <label htmlFor={minutesId} className="block text-sm font-medium">
                {t('sessions.bar.minutes')}
              </label>
              <input id={minutesId} name="minutes" type="number" min={0.5} max={240} step={0.5} defaultValue={5} required className="w-20 rounded border border-slate-400 px-2 py-1" />
            </div>
            <button type="submit" className={smallButton}>
              {t('sessions.bar.timerStart')}
            </button>
          </ControlForm>
          {session.timer.endsAt ? (
            <ControlForm {...common} intent="timer">
              <input type="hidden" name="action" value="pause" />
              <button type="submit" className={smallButton}>
                {t('sessions.bar.timerPause')}
              </button>
            </ControlForm>
          ) : null}
          {session.timer.remainingMs !== null ? (
            <ControlForm {...common} intent="timer">
              <input type="hidden" name="action" value="resume" />
              <button type="submit" className={smallButton}>
                {t('sessions.bar.timerResume')}
              </button>
            </ControlForm>
          ) : null}
          {session.timer.endsAt || session.timer.remainingMs !== null ? (
            <ControlForm {...common} intent="timer">
              <input type="hidden" name="action" value="reset" />
              <button type="submit" className={smallButton}>
                {t('sessions.bar.timerReset')}
              </button>
            </ControlForm>
          ) : null}
          <ControlForm {...common} intent="phase" className="flex items-end gap-2">
            <div>
              <label htmlFor={phaseId} className="block text-sm font-medium">
                {t('sessions.bar.phaseSelect')}
              </label>
              <select id={phaseId} name="phase" defaultValue={session.phase ?? 'silent'} key={session.phase} className="rounded border border-slate-400 px-2 py-1">
                {sessionPhases.map((p) => (
                  <option key={p} value={p}>
                    {t(`sessions.phases.${p}`)}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className={smallButton}>
              {t('sessions.bar.switchPhase')}
            </button>
          </ControlForm>
        </>
      ) : null}
      <ControlForm {...common} intent="lock">
        <input type="hidden" name="locked" value={session.locked ? 'false' : 'true'} />
        <button type="submit" className={smallButton}>
          {session.locked ? t('sessions.bar.unlock') : t('sessions.bar.lock')}
        </button>
      </ControlForm>
      <ControlForm {...common} intent="end">
        <button type="submit" className="rounded border border-red-700 bg-white px-3 py-1.5 text-sm font-semibold text-red-800 hover:bg-red-50">
          {t('sessions.bar.end')}
        </button>
      </ControlForm>
    </div>
  )
}

/**
 * "Promover a idea" for the board's selection slot (facilitators): a plain form that turns the
 * selected note or frame into an idea of the challenge; once promoted, a link to the idea.
 */
export function PromoteForm({ sessionId, elementId, ideaId, ideaTitle, redirectTo }: { sessionId: string; elementId: string; ideaId?: string | null; ideaTitle?: string; redirectTo?: string }) {
  const { t } = useT()
  const location = useLocation()
  const titleId = useId()
  const hintId = useId()
  if (ideaId) {
    return (
      <p className="text-sm">
        <Link to={`/ideas/${ideaId}`}>{ideaTitle ? t('sessions.promote.promotedTo', { title: ideaTitle }) : t('sessions.promote.viewIdea')}</Link>
      </p>
    )
  }
  return (
    <Form method="post" action={`/sesiones/${sessionId}/promover`} className="space-y-2" aria-label={t('sessions.promote.title')}>
      <input type="hidden" name="elementId" value={elementId} />
      <input type="hidden" name="redirectTo" value={redirectTo ?? location.pathname + location.search} />
      <div>
        <label htmlFor={titleId} className="block text-sm font-medium">
          {t('sessions.promote.ideaTitle')}
        </label>
        <p id={hintId} className="text-xs text-slate-600">
          {t('sessions.promote.ideaTitleHint')}
        </p>
        <input id={titleId} name="title" maxLength={200} aria-describedby={hintId} className="block w-full rounded border border-slate-400 px-2 py-1" />
      </div>
      <button type="submit" className={primaryButton}>
        {t('sessions.promote.submit')}
      </button>
    </Form>
  )
}
