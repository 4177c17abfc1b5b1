// RFC 9106 section 5.3 (Argon2id test vector) through every implementation present, and a
// cross-check that all implementations agree on the inputs Cairn actually uses (no secret, no ad).
import { afterAll, describe, expect, it } from 'vitest'
import { readArgon2BrowserAssets } from '../../../src-main/core/kdf/argon2-browser-assets.ts'
import { createArgon2Wasm } from '../../../src-main/core/kdf/argon2-wasm.ts'
import type { Argon2Request } from '../../../src-main/core/kdf/argon2-types.ts'
import {
  argon2Implementations,
  closeKdf,
  deriveKey,
} from '../../../src-main/core/kdf/derive-key.ts'

const rfcVector: Argon2Request = {
  password: Buffer.alloc(32, 0x01),
  salt: Buffer.alloc(16, 0x02),
  secret: Buffer.alloc(8, 0x03),
  associatedData: Buffer.alloc(12, 0x04),
  params: { memoryKiB: 32, iterations: 3, parallelism: 4 },
  tagLength: 32,
}
const rfcTag = '0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659'

const implementations = await argon2Implementations()
const names = implementations.map((i) => i.name)
console.log(`Argon2id implementations present: ${names.join(', ')}`)

afterAll(closeKdf)

describe('RFC 9106 §5.3 Argon2id vector', () => {
  it.each(['simd', 'baseline'] as const)('argon2-browser %s wasm, in process', async (flavour) => {
    const wasm = await createArgon2Wasm(readArgon2BrowserAssets(flavour))
    expect((await wasm.hash(rfcVector)).toString('hex')).toBe(rfcTag)
  })

  for (const impl of implementations) {
    if (impl.supportsAssociatedData) {
      it(`${impl.name} (through its off-thread path)`, async () => {
        expect((await impl.hash(rfcVector)).toString('hex')).toBe(rfcTag)
      })
    } else {
      // The vector needs Argon2's associated data X, which this binding has no option for.
      it(`${impl.name}`, (ctx) => {
        ctx.skip(
          `RFC 9106 vector for ${impl.name}: it cannot take associated data (cross-checked below)`,
        )
      })
    }
  }

  it('includes argon2-browser and at least one native implementation', () => {
    expect(names).toContain('argon2-browser')
    expect(names.length).toBeGreaterThan(1)
  })
})

describe('every implementation derives the same key', () => {
  const cases: [string, Omit<Argon2Request, 'tagLength'>][] = [
    [
      'p=4, t=2, 1 MiB',
      {
        password: Buffer.from('correct horse battery staple'),
        salt: Buffer.alloc(16, 0xa5),
        params: { memoryKiB: 1024, iterations: 2, parallelism: 4 },
      },
    ],
    [
      'p=1, t=1, 64 KiB, empty password',
      {
        password: Buffer.alloc(0),
        salt: Buffer.from('0123456789abcdef'),
        params: { memoryKiB: 64, iterations: 1, parallelism: 1 },
      },
    ],
    [
      'p=3, memory not a multiple of 4p (rounded down)',
      {
        password: Buffer.from('pässwörd 🔑', 'utf8'),
        salt: Buffer.alloc(32, 0x11),
        params: { memoryKiB: 1000, iterations: 3, parallelism: 3 },
      },
    ],
    [
      'with a secret (no ad)',
      {
        password: Buffer.from('pw'),
        salt: Buffer.alloc(16, 0x22),
        secret: Buffer.alloc(8, 0x03),
        params: { memoryKiB: 256, iterations: 2, parallelism: 2 },
      },
    ],
  ]

  it.each(cases)('%s', async (_name, input) => {
    const tags = await Promise.all(
      implementations.map(async (i) => (await i.hash({ ...input, tagLength: 32 })).toString('hex')),
    )
    expect(new Set(tags).size).toBe(1)
    expect(tags[0]).toMatch(/^[0-9a-f]{64}$/)
  })

  it('deriveKey gives the same key whichever implementation it uses', async () => {
    const salt = Buffer.alloc(16, 7)
    const params = { memoryKiB: 512, iterations: 2, parallelism: 4 }
    const keys = await Promise.all(
      names.map(async (implementation) =>
        (await deriveKey('hunter2 ✓', salt, params, { implementation })).toString('hex'),
      ),
    )
    const auto = (await deriveKey('hunter2 ✓', salt, params)).toString('hex')
    expect(new Set([...keys, auto]).size).toBe(1)
  })

  it('deriveKey normalises the password to NFC', async () => {
    const salt = Buffer.alloc(16, 9)
    const params = { memoryKiB: 64, iterations: 1, parallelism: 1 }
    const composed = await deriveKey('caf\u00e9', salt, params)
    const decomposed = await deriveKey('cafe\u0301', salt, params)
    expect(composed.equals(decomposed)).toBe(true)
    expect(composed.equals(await deriveKey('cafe', salt, params))).toBe(false)
  })
})
