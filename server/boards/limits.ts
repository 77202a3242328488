/**
 * How much one board and one person may grow a board (ADR 021). A board holds at most
 * `maxBoardBytes` (stored size: its snapshot and log, counted as updates arrive; compaction
 * brings the count back to the folded size); beyond it, updates that add content are refused
 * with `board_full` while deletions still pass. Each person (signed-in user or guest of a
 * session, whichever sockets they use) may send at most `bytes` of updates per `seconds`;
 * beyond it, `quota_exceeded`.
 */
export const DEFAULT_MAX_BOARD_BYTES = 8 * 1024 * 1024
export const DEFAULT_WRITE_QUOTA = { bytes: 1024 * 1024, seconds: 60 }

/** A fixed-window byte counter per person, in memory (per instance), synchronous so frames keep their order. */
export class WriteQuota {
  private readonly windows = new Map<string, { start: number; bytes: number }>()
  private lastSweep = Date.now()

  constructor(
    readonly bytes = DEFAULT_WRITE_QUOTA.bytes,
    readonly seconds = DEFAULT_WRITE_QUOTA.seconds,
  ) {}

  /** Counts `bytes` for `key` and says whether they fit in its window; refused bytes are not counted. */
  take(key: string, bytes: number, now = Date.now()): boolean {
    const span = this.seconds * 1000
    if (now - this.lastSweep > span) {
      for (const [k, w] of this.windows) if (now - w.start >= span) this.windows.delete(k)
      this.lastSweep = now
    }
    let window = this.windows.get(key)
    if (!window || now - window.start >= span) {
      window = { start: now, bytes: 0 }
      this.windows.set(key, window)
    }
    if (window.bytes + bytes > this.bytes) return false
    window.bytes += bytes
    return true
  }
}
