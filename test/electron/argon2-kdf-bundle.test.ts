// The Electron build's argon2-browser worker chunk (src-main/electron/argon2-kdf.ts) must compute
// real Argon2id: checked with RFC 9106's test vector on the chunk electron-vite emitted.
import { existsSync, readdirSync } from 'node:fs'
import { Worker } from 'node:worker_threads'
import { describe, expect, it } from 'vitest'
import { createArgon2BrowserKdf } from '../../src-main/core/kdf/argon2-browser.ts'
import { requireBuild } from './support/built-app.ts'

const chunks = new URL('../../out/main/chunks/', import.meta.url)

describe('bundled argon2-browser worker', () => {
  it('derives the RFC 9106 section 5.3 tag', async () => {
    requireBuild()
    const chunk = existsSync(chunks)
      ? readdirSync(chunks).find((f) => f.startsWith('argon2-worker-'))
      : undefined
    if (!chunk) throw new Error('out/main/chunks has no argon2-worker chunk: the build changed')
    const kdf = createArgon2BrowserKdf(() => new Worker(new URL(chunk, chunks)))
    try {
      const tag = await kdf.hash({
        password: Buffer.alloc(32, 1),
        salt: Buffer.alloc(16, 2),
        secret: Buffer.alloc(8, 3),
        associatedData: Buffer.alloc(12, 4),
        params: { memoryKiB: 32, iterations: 3, parallelism: 4 },
        tagLength: 32,
      })
      expect(tag.toString('hex')).toBe(
        '0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659',
      )
    } finally {
      await kdf.close()
    }
  })
})
