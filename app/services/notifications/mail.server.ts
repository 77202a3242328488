import nodemailer, { type Transporter } from 'nodemailer'

/**
 * Outgoing e-mail. With `SMTP_URL` (e.g. smtp://user:pass@mail.example:587) messages go
 * through nodemailer; without it (development, tests) each message is written to the log as
 * one JSON line instead. Callers never wait for delivery and never fail because of it.
 */
export type MailMessage = { to: string; subject: string; text: string }

/** The site's public address, for absolute links in e-mails. */
export function publicUrl() {
  return (process.env.PUBLIC_URL || `http://localhost:${process.env.PORT || 3000}`).replace(/\/+$/, '')
}

function fromAddress() {
  if (process.env.MAIL_FROM) return process.env.MAIL_FROM
  let host = 'cocrea.localhost'
  try {
    host = new URL(publicUrl()).hostname || host
  } catch {
    // keep the default
  }
  return `Cocrea <no-reply@${host}>`
}

/** One transport per SMTP_URL, reused (the URL can change between test files in one process). */
const transports = new Map<string, Transporter>()
function transportFor(url: string) {
  let transport = transports.get(url)
  if (!transport) {
    transport = nodemailer.createTransport(url, {})
    // Never hang an action's follow-up for long: a mail server that does not answer is a logged failure.
    Object.assign(transport.options, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 })
    transports.set(url, transport)
  }
  return transport
}

/** A pino-compatible JSON line on stdout (the server's log format); never console.error. */
export function logLine(level: 'info' | 'warn' | 'error', msg: string, extra: Record<string, unknown> = {}) {
  const levels = { info: 30, warn: 40, error: 50 }
  process.stdout.write(`${JSON.stringify({ level: levels[level], time: Date.now(), pid: process.pid, msg, ...extra })}\n`)
}

/** Sends one message, or logs it when no SMTP server is configured. Throws on a delivery failure (callers catch). */
export async function sendMail(message: MailMessage): Promise<'sent' | 'logged'> {
  const url = process.env.SMTP_URL
  if (!url) {
    logLine('info', 'e-mail (not sent: SMTP_URL is not set)', { email: message })
    return 'logged'
  }
  await transportFor(url).sendMail({ from: fromAddress(), ...message })
  return 'sent'
}
