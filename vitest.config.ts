import { pathToFileURL } from 'node:url'
import { defineConfig, type Plugin } from 'vitest/config'

const NODE_WORKER = '?nodeWorker'

/**
 * electron-vite turns `import f from './x.ts?nodeWorker'` into a Worker factory for a bundled
 * chunk. Under Vitest the same import starts the source file itself in a worker thread (Node 24
 * strips its types), so the Electron glue runs in tests as it does in the app.
 */
function nodeWorkerImports(): Plugin {
  return {
    name: 'cairn:node-worker-imports',
    enforce: 'pre',
    load(id) {
      if (!id.endsWith(NODE_WORKER)) return null
      const url = pathToFileURL(id.slice(0, -NODE_WORKER.length)).href
      return [
        "import { Worker } from 'node:worker_threads'",
        `export default (options) => new Worker(new URL(${JSON.stringify(url)}), options)`,
      ].join('\n')
    },
  }
}

export default defineConfig({
  plugins: [nodeWorkerImports()],
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    environment: 'node',
    // Argon2id at real parameters and 4K images take a while on two cores.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
})
