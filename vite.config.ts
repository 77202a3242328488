import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { vitePlugin as remix } from '@remix-run/dev'
import tailwindcss from '@tailwindcss/vite'
import { defineConfig, type Plugin } from 'vite'

declare module '@remix-run/node' {
  interface Future {
    v3_singleFetch: true
  }
}

const root = path.dirname(fileURLToPath(import.meta.url))

/**
 * Whether the server build leaves a module to Node (ADR 025): everything `server/` can import
 * (db/, server/, every `.ts` module under app/). Only route modules and React components
 * (`.tsx`), which need Vite, are bundled; `server/` imports none of them.
 */
export function loadedByNode(id: string) {
  if (!path.isAbsolute(id)) return false
  const file = path.relative(root, id.replace(/[?#].*$/, '')).split(path.sep).join('/')
  if (/^(db|server)\/.+\.ts$/.test(file)) return true
  return /^app\/.+\.ts$/.test(file) && !/^app\/(routes\/|routes\.ts$|entry\.|root\.)/.test(file)
}

/**
 * One module graph: the Remix server build imports app services, the database client and the
 * rest of the server-side code from their sources at run time instead of bundling copies, so
 * Node (under tsx) loads each once and `server/` shares it. In the build they become relative
 * imports of the .ts files; in dev, `ssrLoadModule` hands them to Node's own `import()`.
 */
function serverModulesFromSource(): Plugin {
  return {
    name: 'cocrea:server-modules-from-source',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!options.ssr || this.environment.mode !== 'build' || !importer) return null
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true })
      return resolved && !resolved.external && loadedByNode(resolved.id) ? { id: resolved.id, external: 'absolute' } : null
    },
    // Relative to the bundle, so the checkout can move (the build and the sources go together).
    outputOptions(output) {
      if (this.environment.name !== 'ssr' || !output.dir) return null
      const dir = output.dir
      return { ...output, paths: (id) => (loadedByNode(id) ? path.relative(dir, id).split(path.sep).join('/') : id) }
    },
    configureServer(server) {
      const ssr = server.environments.ssr
      const fetchModule = ssr.fetchModule.bind(ssr)
      ssr.fetchModule = async (id, importer, options) => {
        const resolved = id.startsWith('/') && !id.startsWith('/@') ? await ssr.pluginContainer.resolveId(id, importer) : null
        if (resolved && loadedByNode(resolved.id)) return { externalize: pathToFileURL(resolved.id).href, type: 'module' }
        return fetchModule(id, importer, options)
      }
    },
  }
}

export default defineConfig({
  server: { hmr: { port: Number(process.env.HMR_PORT ?? 24678) } },
  build: { target: 'es2022' },
  plugins: [
    serverModulesFromSource(),
    tailwindcss(),
    remix({
      ignoredRouteFiles: ['**/*.test.*', '**/*.server.*'],
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
        v3_routeConfig: true,
      },
    }),
  ],
})
