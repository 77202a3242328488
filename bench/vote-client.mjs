/**
 * The load generator of the voting benchmark, run as its own process by bench/votes.ts:
 *   node bench/vote-client.mjs <config.json>
 * config: {url, connections, seconds, tokens: string[], ideaIds: string[], maxPerIdea, withdrawShare}
 * Every request is a random person (Authorization: Bearer) casting a random count on a random
 * idea of the challenge, or withdrawing from it. Prints autocannon's JSON result.
 */
import { readFileSync } from 'node:fs'
import process from 'node:process'
import autocannon from 'autocannon'

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'))
const pick = (list) => list[Math.floor(Math.random() * list.length)]

const instance = autocannon(
  {
    url: config.url,
    connections: config.connections,
    duration: config.seconds,
    requests: [
      {
        setupRequest: (req) => {
          const token = pick(config.tokens)
          const path = `/api/v1/ideas/${pick(config.ideaIds)}/vote`
          if (Math.random() < config.withdrawShare) {
            return { ...req, method: 'DELETE', path, headers: { authorization: `Bearer ${token}` }, body: undefined }
          }
          const count = 1 + Math.floor(Math.random() * config.maxPerIdea)
          return {
            ...req,
            method: 'PUT',
            path,
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ count }),
          }
        },
      },
    ],
  },
  (error, result) => {
    if (error) {
      process.stderr.write(String(error.stack || error))
      process.exit(1)
    }
    process.stdout.write(JSON.stringify(result))
  },
)
process.once('SIGINT', () => instance.stop())
