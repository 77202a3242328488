/** Control characters (browsers drop tabs and newlines from URLs, so `/\t/host` becomes `//host`) and backslashes. */
const hasUnsafeCharacter = (s: string) => {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c < 0x20 || c === 0x7f || s[i] === '\\') return true
  }
  return false
}

/** One leading `/`, not followed by another `/`, and nothing a browser could read as another host. */
const isLocalPath = (s: string) => s.startsWith('/') && s[1] !== '/' && !hasUnsafeCharacter(s)

/**
 * Only same-site paths: a path that starts with one `/` followed by no `/`, `\` or control
 * character, checked as sent and after percent-decoding (`/%2F/host`, `/%09/host` fall back
 * too). Anything else (`//evil.example`, `https://…`, `/\evil`) falls back to the default.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = '/') {
  if (!to || typeof to !== 'string' || to.length > 2048) return fallback
  let decoded = to
  // Decoded until stable, so double-encoded forms (`%252F`) are judged by what they become.
  for (let round = 0; round < 4; round++) {
    let next: string
    try {
      next = decodeURIComponent(decoded)
    } catch {
      return fallback
    }
    if (next === decoded) break
    decoded = next
    if (!isLocalPath(decoded)) return fallback
  }
  if (!isLocalPath(to) || !isLocalPath(decoded)) return fallback
  // Belt and braces: resolved against a placeholder origin, it must stay on that origin.
  const base = 'http://cocrea.invalid'
  try {
    if (new URL(to, base).origin !== base) return fallback
  } catch {
    return fallback
  }
  return to
}
