import { Worker } from 'node:worker_threads'
import { describe, expect, it } from 'vitest'
import { createArgon2BrowserKdf } from '../../../src-main/core/kdf/argon2-browser.ts'
import { argon2Implementation } from '../../../src-main/core/kdf/derive-key.ts'

const request = {
  password: Buffer.from('worker password'),
  salt: Buffer.alloc(16, 3),
  params: { memoryKiB: 32768, iterations: 3, parallelism: 4 },
  tagLength: 32,
}

describe('argon2-browser worker', () => {
  it('keeps the main thread responsive while it derives', async () => {
    const kdf = createArgon2BrowserKdf()
    let ticks = 0
    const timer = setInterval(() => ticks++, 1)
    try {
      const tag = await kdf.hash(request)
      expect(tag.length).toBe(32)
    } finally {
      clearInterval(timer)
      await kdf.close()
    }
    // A blocked event loop would fire the interval at most once after the await.
    expect(ticks).toBeGreaterThan(3)
  })

  it('uses an injected worker factory and matches a native implementation', async () => {
    let created = 0
    const url = new URL('../../../src-main/core/kdf/argon2-worker.ts', import.meta.url)
    const kdf = createArgon2BrowserKdf(() => {
      created++
      return new Worker(url)
    })
    try {
      const a = await kdf.hash(request)
      const b = await kdf.hash(request)
      expect(created).toBe(1)
      expect(a.equals(b)).toBe(true)
      const native =
        (await argon2Implementation('node-rs')) ?? (await argon2Implementation('node-crypto'))
      if (native) expect((await native.hash(request)).equals(a)).toBe(true)
      else console.log('no native Argon2id here: cross-check against native skipped')
    } finally {
      await kdf.close()
    }
  })

  it('rejects pending work with a clear error when its worker dies', async () => {
    const kdf = createArgon2BrowserKdf(() => new Worker('process.exit(3)', { eval: true }))
    await expect(kdf.hash(request)).rejects.toThrow(/worker exited \(code 3\)/)
    await kdf.close()
  })

  it('reports argon2 errors from the worker', async () => {
    const kdf = createArgon2BrowserKdf()
    try {
      await expect(kdf.hash({ ...request, salt: Buffer.alloc(4) })).rejects.toThrow(
        /argon2-browser: argon2 error/,
      )
    } finally {
      await kdf.close()
    }
  })
})
