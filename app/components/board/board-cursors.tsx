import { useT } from '#app/i18n/use-t.ts'
import { type Peer } from '#app/board/client/use-board.ts'

/** Other people's pointers, in canvas units, drawn at a constant size whatever the zoom. */
export function BoardCursors({ peers, zoom }: { peers: Peer[]; zoom: number }) {
  const { t } = useT()
  return (
    <>
      {peers
        .filter((peer) => !peer.self && peer.cursor)
        .map((peer) => (
          <div
            key={peer.clientId}
            data-testid="board-cursor"
            title={t('boards.canvas.cursorOf', { name: peer.name })}
            aria-hidden="true"
            className="pointer-events-none absolute top-0 left-0 origin-top-left transition-transform duration-75 ease-linear"
            style={{ transform: `translate(${peer.cursor!.x}px, ${peer.cursor!.y}px) scale(${1 / zoom})`, zIndex: 200000 }}
          >
            <svg viewBox="0 0 20 20" className="h-5 w-5 drop-shadow" fill={peer.color} stroke="white" strokeWidth="1.5">
              <path d="M2 2 L2 16 L6 12 L9 18 L12 17 L9 11 L15 11 Z" />
            </svg>
            <span className="ml-4 inline-block rounded px-1.5 py-0.5 text-xs font-semibold whitespace-nowrap text-white shadow" style={{ background: peer.color }}>
              {peer.name}
            </span>
          </div>
        ))}
    </>
  )
}
