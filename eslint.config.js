import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

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
  // One module graph (ADR 025): state lives in module variables, never in a process-wide registry.
  {
    files: ['app/**/*.{ts,tsx}', 'server/**/*.ts', 'db/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name='Symbol'][callee.property.name='for']", message: 'No Symbol.for registries: keep state in a module variable (ADR 025).' },
        { selector: "AssignmentExpression > MemberExpression.left[object.name='globalThis']", message: 'No globalThis registries: keep state in a module variable (ADR 025).' },
        { selector: "TSAsExpression[expression.name='globalThis']", message: 'No globalThis casts: keep state in a module variable (ADR 025).' },
      ],
    },
  },
)
