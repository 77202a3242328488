import { type AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'
import { vi } from 'vitest'

export type ReceivedMail = { rcpt: string[]; raw: string }

/** A real SMTP server (smtp-server) on a random loopback port that keeps every message it receives. */
export async function startSmtpSink() {
  const received: ReceivedMail[] = []
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('end', () => {
        received.push({ rcpt: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') })
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve))
  const url = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`
  return {
    url,
    received,
    /** The messages sent to `email` so far. */
    to: (email: string) => received.filter((m) => m.rcpt.includes(email)),
    /** Waits for the `n`-th message (1-based) to `email` and decodes it. */
    async nth(email: string, n = 1) {
      const mail = await vi.waitUntil(() => received.filter((m) => m.rcpt.includes(email))[n - 1], { timeout: 10_000, interval: 25 })
      return decodeMail(mail.raw)
    },
    close: () => new Promise<void>((resolve) => smtp.close(() => resolve())),
  }
}

/** Minimal MIME decoding for what nodemailer writes. Subject, To and text body of a single-part message (quoted-printable, base64 or plain; encoded words in the subject). */
export function decodeMail(raw: string) {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/)
  const headers = head.replace(/\r?\n[ \t]+/g, ' ')
  const decodeWords = (value: string) =>
    value.replace(/=\?utf-8\?([QB])\?([^?]*)\?=\s*/gi, (_m, enc: string, text: string) =>
      enc.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : qp(text.replace(/_/g, ' ')),
    )
  const qp = (text: string) => Buffer.from(text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8')
  const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(headers)?.[1] ?? ''
  const encoding = header('Content-Transfer-Encoding').toLowerCase()
  const body = rest.join('\n\n')
  const text = encoding === 'base64' ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8') : encoding === 'quoted-printable' ? qp(body) : body
  return { subject: decodeWords(header('Subject')).trim(), to: header('To'), text }
}

/** The first absolute link in a text that starts with `base` (the link an e-mail asks the person to open). */
export function linkIn(text: string, base: string) {
  const found = text.match(/https?:\/\/\S+/g)?.find((u) => u.startsWith(base))
  if (!found) throw new Error(`no link to ${base} in:\n${text}`)
  return found
}
