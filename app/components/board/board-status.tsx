import { type TFunction } from 'i18next'
import { useT } from '#app/i18n/use-t.ts'
import { type BoardErrorInfo, type BoardStatus } from '#app/board/client/board-provider.ts'
import { BOARD_ERROR_CODES, BOARD_JOIN_ERROR_CODES, CONNECT_ERROR_CODES, type AnyBoardErrorCode } from '#app/board/protocol.ts'

/** Every code the board protocol can carry; each has its sentence in `boards.errors` (es and en). */
export const BOARD_MESSAGE_CODES: ReadonlySet<string> = new Set<AnyBoardErrorCode>([...BOARD_JOIN_ERROR_CODES, ...BOARD_ERROR_CODES, ...CONNECT_ERROR_CODES])

/** What a refusal means, in the reader's words: its own sentence, or a general one for a code this page does not know. Never the code. */
export function boardErrorText(t: TFunction, code: string): string {
  return BOARD_MESSAGE_CODES.has(code) ? t(`boards.errors.${code as AnyBoardErrorCode}`) : t('boards.errors.generic')
}

/**
 * The board's state as people need to know it, in a polite live region: a banner while offline
 * (changes are kept and sent on reconnect), the end of the session (read only, nothing pending),
 * a board that could not be opened and why, a change that was not kept, and read only.
 */
export function BoardStatusBanner({ status, readOnly, error }: { status: BoardStatus; readOnly: boolean; error: BoardErrorInfo | null }) {
  const { t } = useT()
  const ended = status === 'ended'
  const errorText = error && error.code !== 'session_ended' ? boardErrorText(t, error.code) : ''
  return (
    <div aria-live="polite" role="status" className="space-y-2" data-testid="board-status" data-status={status}>
      {status === 'offline' ? (
        <p className="flex items-center gap-2 rounded-lg border border-amber-700 bg-amber-50 px-4 py-3 font-medium text-amber-950">
          <svg aria-hidden="true" viewBox="0 0 24 24" className="h-5 w-5 shrink-0" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
            <path d="M1 1l22 22M16.72 11.06A10.94 10.94 0 0 1 19 12.55M5 12.55a10.94 10.94 0 0 1 5.17-2.39M10.71 5.05A16 16 0 0 1 22.58 9M1.42 9a15.91 15.91 0 0 1 4.7-2.88M8.53 16.11a6 6 0 0 1 6.95 0M12 20h.01" />
          </svg>
          {t('boards.status.offline')}
        </p>
      ) : null}
      {ended ? (
        <p className="rounded-lg border border-slate-600 bg-slate-100 px-4 py-3 text-slate-900" data-testid="board-ended">
          <strong className="font-semibold">{t('boards.status.endedTitle')}</strong> {t('boards.status.endedBody')}
        </p>
      ) : null}
      {status === 'refused' ? (
        <p className="rounded-lg border border-red-700 bg-red-50 px-4 py-3 font-medium text-red-900">
          {t('boards.status.refused')} {errorText}
        </p>
      ) : null}
      {errorText && status !== 'refused' ? <p className="rounded-lg border border-red-700 bg-red-50 px-4 py-2 text-sm text-red-900">{errorText}</p> : null}
      {readOnly && !ended && status !== 'refused' ? <p className="rounded-lg border border-slate-300 bg-slate-100 px-4 py-2 text-sm text-slate-800">{t('boards.status.readOnly')}</p> : null}
      <p className="sr-only">{status === 'connecting' ? t('boards.status.connecting') : status === 'synced' ? t('boards.status.synced') : ''}</p>
    </div>
  )
}
