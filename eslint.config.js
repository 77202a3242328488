import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

/** A socket.io event name on /boards or /live (`board:join`, `auth:whoami`, …); not i18n keys (dots) or CSS. */
const WIRE_EVENT = '/^(board|live|auth|session|challenge|tally|notification):[a-z][a-z-]*$/'
/** socket.io's methods that take an event name first. */
const EVENT_METHOD = '/^(emit|emitWithAck|on|once|off|serverSideEmit|listeners|removeAllListeners)$/'

/** State lives in module variables, never in a process-wide registry (ADR 025). */
const NO_REGISTRIES = [
  { selector: "CallExpression[callee.object.name='Symbol'][callee.property.name='for']", message: 'No Symbol.for registries: keep state in a module variable (ADR 025).' },
  { selector: "AssignmentExpression > MemberExpression.left[object.name='globalThis']", message: 'No globalThis registries: keep state in a module variable (ADR 025).' },
  { selector: "TSAsExpression[expression.name='globalThis']", message: 'No globalThis casts: keep state in a module variable (ADR 025).' },
]
/** Everything but app/board/protocol.ts names an event through BOARD_EVENTS / LIVE_EVENTS / BOARD_SERVER_EVENTS and builds frames with app/board/frames.ts (ADR 026). */
const WIRE_CONSTANTS = [
  { selector: `Literal[value=${WIRE_EVENT}]`, message: 'Socket.io event names are defined in app/board/protocol.ts: use BOARD_EVENTS, LIVE_EVENTS or BOARD_SERVER_EVENTS.' },
  { selector: `TemplateLiteral[expressions.length=0] > TemplateElement[value.cooked=${WIRE_EVENT}]`, message: 'Socket.io event names are defined in app/board/protocol.ts: use BOARD_EVENTS, LIVE_EVENTS or BOARD_SERVER_EVENTS.' },
  { selector: `CallExpression[callee.property.name=${EVENT_METHOD}][arguments.0.value='y']`, message: 'The frame event is BOARD_EVENTS.frame (app/board/protocol.ts).' },
  { selector: "CallExpression[callee.property.name='writeVarUint'][arguments.1.type='Literal']", message: 'Frames are encoded by app/board/frames.ts (with the MESSAGE_* types of protocol.ts), not by hand.' },
]

export default tseslint.config(
  { ignores: ['build/', 'node_modules/', 'data/', 'db/migrations/', 'docs/screenshots/', 'tests/.tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': ['error', { allow: ['error', 'warn'] }],
    },
  },
  { files: ['server/admin-cli.ts', 'bench/**', 'tests/**'], rules: { 'no-console': 'off' } },
  // One module graph (ADR 025) and wire constants in app/board/protocol.ts only (ADR 026).
  { files: ['app/**/*.{ts,tsx}', 'server/**/*.ts', 'db/**/*.ts'], ignores: ['app/board/protocol.ts'], rules: { 'no-restricted-syntax': ['error', ...NO_REGISTRIES, ...WIRE_CONSTANTS] } },
  { files: ['tests/**/*.ts', 'bench/**/*.ts'], rules: { 'no-restricted-syntax': ['error', ...WIRE_CONSTANTS] } },
  { files: ['app/board/protocol.ts'], rules: { 'no-restricted-syntax': ['error', ...NO_REGISTRIES] } },
)
