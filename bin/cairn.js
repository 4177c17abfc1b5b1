#!/usr/bin/env node
// The `cairn` command. The CLI is TypeScript, run directly by Node's type stripping (Node 24).
// Node's compile cache keeps the stripped and compiled modules in a per-user cache folder, so
// only the first run after an update pays for type stripping.
import { mkdirSync } from 'node:fs'
import { enableCompileCache } from 'node:module'
import { homedir } from 'node:os'
import { join } from 'node:path'

const major = Number(process.versions.node.split('.')[0])
if (major < 24) {
  process.stderr.write(
    `cairn: needs Node 24 or later (this is Node ${process.versions.node}); ` +
      'the project brings one: export PATH=$PWD/.toolchain/node-24.21.0/bin:$PATH\n',
  )
  process.exit(1)
}

function userCacheDir() {
  const env = process.env
  if (process.platform === 'win32') return join(env.LOCALAPPDATA || homedir(), 'cairn', 'Cache')
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Caches', 'cairn')
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'cairn')
}

try {
  const dir = join(userCacheDir(), 'compile-cache')
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  enableCompileCache(dir)
} catch {
  // No writable cache folder: the CLI still runs, only slower to start.
}
// The agent (`cairn unlock`) and the clipboard clearer (`--clip`) are this same entry.
if (process.argv[2] === '--agent-process') await import('../src-main/cli/agent/agent-main.ts')
else if (process.argv[2] === '--clipboard-clearer')
  await import('../src-main/cli/clipboard/clipboard-clearer.ts')
else await import('../src-main/cli/main.ts')
