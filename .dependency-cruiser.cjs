/* global module */
// Module boundaries (ADR 029, docs/architecture.md). `npm run lint` runs this after ESLint,
// so a breach fails CI. Type-only imports count: a route that names a db/ type depends on db/.

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'ui-not-to-db',
      comment:
        'Routes and components reach the database through services. Types they need are re-exported by a service or app/domain.',
      severity: 'error',
      from: { path: '^app/(routes|components)/' },
      to: { path: '^db/' },
    },
    {
      name: 'db-not-to-app',
      comment: 'db/ is the bottom layer: it may import only the shared vocabulary (app/domain/vocabulary.ts).',
      severity: 'error',
      from: { path: '^db/' },
      to: { path: '^(app|server|tests|bench)/', pathNot: '^app/domain/vocabulary[.]ts$' },
    },
    {
      name: 'services-without-http',
      comment:
        'Services take plain inputs and an actor and return data or throw domain errors: no React, Remix or socket.io.',
      severity: 'error',
      from: { path: '^app/services/' },
      to: {
        dependencyTypesNot: ['type-only'],
        path: '(^|/)node_modules/(react|react-dom|@remix-run/[^/]+|socket[.]io|socket[.]io-client)/',
      },
    },
    {
      name: 'services-without-http-types',
      comment: 'Nor their types: a service signature that names Request or ReactNode is an HTTP or UI concern.',
      severity: 'error',
      from: { path: '^app/services/' },
      to: {
        dependencyTypes: ['type-only'],
        path: '(^|/)node_modules/(@types/react|react|react-dom|@remix-run/[^/]+|socket[.]io|socket[.]io-client)/',
      },
    },
    {
      name: 'no-circular',
      comment: 'No import cycles: each module can be understood (and loaded) after what it imports.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'Every import resolves, so the rules above see the whole graph (#app/* aliases included).',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true, pathNot: '^virtual:' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(build|data|db/migrations|tests/[.]tmp)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
    skipAnalysisNotInRules: true,
  },
}
