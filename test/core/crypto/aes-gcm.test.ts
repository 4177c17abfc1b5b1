import { describe, expect, it } from 'vitest'
import {
  AuthenticationError,
  GCM_NONCE_BYTES,
  GCM_TAG_BYTES,
  open,
  seal,
} from '../../../src-main/core/crypto/aes-gcm.ts'
import { randomBytes } from '../../../src-main/core/crypto/random.ts'
import { wipe } from '../../../src-main/core/crypto/wipe.ts'

const key = randomBytes(32)
const aad = Buffer.from('cairn test aad')
const text = Buffer.from('attack at dawn')

describe('AES-256-GCM seal/open', () => {
  it('round-trips with the same key and associated data', () => {
    const { nonce, ciphertext } = seal(key, text, aad)
    expect(nonce.length).toBe(GCM_NONCE_BYTES)
    expect(ciphertext.length).toBe(text.length + GCM_TAG_BYTES)
    expect(open(key, nonce, ciphertext, aad).toString()).toBe('attack at dawn')
  })

  it('uses a fresh nonce for every seal', () => {
    const nonces = new Set(
      Array.from({ length: 50 }, () => seal(key, text, aad).nonce.toString('hex')),
    )
    expect(nonces.size).toBe(50)
  })

  it('matches the NIST GCM test case 16 (AES-256, 60-byte plaintext, 20-byte AAD)', () => {
    // From the GCM specification (McGrew & Viega), test case 16, also in NIST CAVP.
    const k = Buffer.from('feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308', 'hex')
    const iv = Buffer.from('cafebabefacedbaddecaf888', 'hex')
    const p = Buffer.from(
      'd9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39',
      'hex',
    )
    const a = Buffer.from('feedfacedeadbeeffeedfacedeadbeefabaddad2', 'hex')
    const c =
      '522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662' +
      '76fc6ece0f4e1768cddf8853bb2d551b'
    expect(open(k, iv, Buffer.from(c, 'hex'), a).equals(p)).toBe(true)
  })

  it.each([
    ['ciphertext byte', (n: Buffer, c: Buffer, a: Buffer) => ((c[0] = c[0]! ^ 1), [n, c, a])],
    [
      'tag byte',
      (n: Buffer, c: Buffer, a: Buffer) => ((c[c.length - 1] = c.at(-1)! ^ 1), [n, c, a]),
    ],
    ['nonce byte', (n: Buffer, c: Buffer, a: Buffer) => ((n[3] = n[3]! ^ 1), [n, c, a])],
    ['associated data', (n: Buffer, c: Buffer) => [n, c, Buffer.from('other aad')]],
    ['truncated ciphertext', (n: Buffer, c: Buffer, a: Buffer) => [n, c.subarray(0, 10), a]],
  ])('rejects a changed %s', (_what, mutate) => {
    const { nonce, ciphertext } = seal(key, text, aad)
    const [n, c, a] = mutate(nonce, ciphertext, Buffer.from(aad)) as Buffer[]
    expect(() => open(key, n!, c!, a!)).toThrow(AuthenticationError)
  })

  it('rejects a nonce or ciphertext that a damaged file returns as text or a number', () => {
    const { nonce, ciphertext } = seal(key, text, aad)
    const asText = ciphertext.toString('latin1') as unknown as Buffer
    expect(() => open(key, nonce, asText, aad)).toThrow(AuthenticationError)
    expect(() => open(key, 12 as unknown as Buffer, ciphertext, aad)).toThrow(AuthenticationError)
    expect(() => open(key, nonce, null as unknown as Buffer, aad)).toThrow(AuthenticationError)
  })

  it('rejects the wrong key', () => {
    const { nonce, ciphertext } = seal(key, text, aad)
    expect(() => open(randomBytes(32), nonce, ciphertext, aad)).toThrow(AuthenticationError)
  })
})

describe('wipe', () => {
  it('zeroes every buffer given and ignores null', () => {
    const a = Buffer.from('secret')
    const b = new Uint8Array([1, 2, 3])
    wipe(a, null, b, undefined)
    expect([...a].every((x) => x === 0)).toBe(true)
    expect([...b]).toEqual([0, 0, 0])
  })
})
