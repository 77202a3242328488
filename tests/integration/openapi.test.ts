import { afterAll, beforeAll, expect, test } from 'vitest'
import { startTestServer, type TestServer } from '#tests/helpers/server.ts'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server?.stop())

test('GET /api/v1/openapi.json describes the API from the same zod schemas the handlers use', async () => {
  const response = await fetch(`${server.url}/api/v1/openapi.json`)
  expect(response.status).toBe(200)
  const doc = await response.json()
  expect(doc.openapi).toBe('3.1.0')
  expect(doc.servers).toEqual([{ url: '/api/v1' }])
  const paths = Object.keys(doc.paths)
  for (const path of [
    '/users',
    '/session',
    '/me',
    '/search',
    '/challenges',
    '/challenges/{id}',
    '/challenges/{id}/phase',
    '/challenges/{id}/ideas',
    '/ideas/{id}',
    '/ideas/{id}/vote',
    '/ideas/{id}/comments',
    '/follows',
    '/follows/{targetType}/{targetId}',
  ]) {
    expect(paths).toContain(path)
  }
  expect(Object.keys(doc.paths['/ideas/{id}/vote'])).toEqual(expect.arrayContaining(['put', 'delete']))
  // The sign-up body is the sign-up form's schema: the password rule shows through.
  const signUp = doc.paths['/users'].post.requestBody.content['application/json'].schema
  expect(signUp.properties.password.minLength).toBe(10)
  expect(signUp.required).toEqual(expect.arrayContaining(['email', 'password', 'name']))
  expect(doc.components.schemas.Error.properties.error.properties.code.type).toBe('string')
  expect(doc.components.securitySchemes.bearer).toEqual({ type: 'http', scheme: 'bearer' })
})
