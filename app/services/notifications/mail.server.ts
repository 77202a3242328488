import { randomBytes } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import nodemailer, { type Transporter } from 'nodemailer'

/**
 * Outgoing e-mail. With `SMTP_URL` (e.g. smtp://user:pass@mail.example:587) messages go
 * through nodemailer; without it (development, tests) each message is written, as a real
 * RFC 822 message, to `DATA_DIR/mail/<timestamp>-<id>.eml` (the outbox) and the log gets one
 * line naming the file — never the address or the body (ADR 035). Callers of notification
 * e-mails never wait for delivery and never fail because of it.
 */
export type MailMessage = { to: string; subject: string; text: string }

type MailSettings = {
  /** SMTP server; unset: the outbox directory. Falls back to `process.env.SMTP_URL`. */
  smtpUrl?: string
  /** Where messages go without SMTP; default `DATA_DIR/mail`. */
  outboxDir?: string
  /** PUBLIC_URL; falls back to `process.env.PUBLIC_URL`, then to the address the server listens on. */
  publicUrl?: string
  /** The address the server listens on (known after it started). */
  listenUrl?: string
}

// One set per process, as the rate limiters (one module graph, ADR 025); startServer fills it.
let settings: MailSettings = {}

export function configureMail(next: MailSettings) {
  settings = { ...next }
}

/** Once the server listens: links in e-mails fall back to this address when PUBLIC_URL is unset. */
export function setMailListenUrl(url: string) {
  settings = { ...settings, listenUrl: url }
}

/** The site's public address, for absolute links in e-mails: PUBLIC_URL, else the address the server listens on. */
export function publicUrl() {
  return (settings.publicUrl || process.env.PUBLIC_URL || settings.listenUrl || `http://localhost:${process.env.PORT || 3000}`).replace(/\/+$/, '')
}

export function mailOutboxDir() {
  return settings.outboxDir ?? path.join(process.env.DATA_DIR || './data', 'mail')
}

function smtpUrl() {
  return settings.smtpUrl || process.env.SMTP_URL || undefined
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

// The stream transport builds the complete message (headers, MIME, encodings) without sending it; CRLF as RFC 5322 wants.
let composer: Transporter | undefined
function composerTransport() {
  composer ??= nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' })
  return composer
}

/** A pino-compatible JSON line on stdout (the server's log format); never console.error. */
export function logLine(level: 'info' | 'warn' | 'error', msg: string, extra: Record<string, unknown> = {}) {
  const levels = { info: 30, warn: 40, error: 50 }
  process.stdout.write(`${JSON.stringify({ level: levels[level], time: Date.now(), pid: process.pid, msg, ...extra })}\n`)
}

/** Writes the message to the outbox as `<timestamp>-<id>.eml` (readable by the owner only); returns the file's path. */
async function writeToOutbox(message: MailMessage) {
  const info = (await composerTransport().sendMail({ from: fromAddress(), ...message })) as { message: Buffer }
  const dir = mailOutboxDir()
  await mkdir(dir, { recursive: true, mode: 0o700 })
  const stamp = new Date().toISOString().replace(/[:.]/g, '-')
  const file = path.join(dir, `${stamp}-${randomBytes(6).toString('hex')}.eml`)
  await writeFile(file, info.message, { mode: 0o600, flag: 'wx' })
  return file
}

/** Sends one message, or writes it to the outbox when no SMTP server is configured. Throws on a delivery failure (callers catch). */
export async function sendMail(message: MailMessage): Promise<'sent' | 'written'> {
  const url = smtpUrl()
  if (!url) {
    const file = await writeToOutbox(message)
    // Only the file name: the address, the subject and the body stay out of the log.
    logLine('info', 'e-mail written to the outbox (SMTP_URL is not set)', { file: path.basename(file) })
    return 'written'
  }
  await transportFor(url).sendMail({ from: fromAddress(), ...message })
  return 'sent'
}
