import { useT } from '#app/i18n/use-t.ts'
import { type Peer } from '#app/board/client/use-board.ts'

/** Who is here: one entry per person (several tabs of one person count once), oneself first; on phones, initials only (names for screen readers). */
export function BoardPresence({ peers }: { peers: Peer[] }) {
  const { t } = useT()
  const people = [...new Map(peers.map((peer) => [peer.key, peer])).values()]
  return (
    <section aria-labelledby="board-presence-title" className="flex min-w-0 items-center gap-2" data-testid="board-presence">
      <h2 id="board-presence-title" className="sr-only">
        {t('boards.presence.title')}
      </h2>
      {people.length ? <p className="sr-only text-sm text-slate-600 xl:not-sr-only xl:whitespace-nowrap">{t('boards.presence.count', { count: people.length })}</p> : null}
      <ul className="flex min-w-0 flex-wrap gap-1 lg:flex-nowrap">
        {people.map((peer) => (
          <li key={peer.key} className="inline-flex items-center gap-1.5 rounded-full border border-slate-300 bg-white p-0.5 text-sm whitespace-nowrap sm:pr-2.5">
            <span aria-hidden="true" className="flex h-6 w-6 items-center justify-center rounded-full text-xs font-bold text-white" style={{ background: peer.color }}>
              {peer.name.trim().charAt(0).toUpperCase() || '?'}
            </span>
            <span className="sr-only sm:not-sr-only sm:truncate sm:whitespace-nowrap">{peer.self ? t('boards.presence.you', { name: peer.name }) : peer.name}</span>
          </li>
        ))}
      </ul>
    </section>
  )
}
