import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { canonicalBase32, decodeBase32, encodeBase32 } from '../../../src-main/core/otp/base32.ts'
import { isCairnError } from '../../../src-main/core/errors.ts'

const ascii = (text: string) => new Uint8Array(Buffer.from(text, 'ascii'))

/** Base32 the slow, obvious way: a string of bits cut into fives. */
function bitStringBase32(bytes: Uint8Array): string {
  const bits = [...bytes].map((b) => b.toString(2).padStart(8, '0')).join('')
  const padded = bits.padEnd(Math.ceil(bits.length / 5) * 5, '0')
  let out = ''
  for (let i = 0; i < padded.length; i += 5) {
    out += 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'.charAt(parseInt(padded.slice(i, i + 5), 2))
  }
  return out
}

describe('base32', () => {
  it('matches the RFC 4648 §10 test vectors', () => {
    const vectors: [string, string][] = [
      ['f', 'MY'],
      ['fo', 'MZXQ'],
      ['foo', 'MZXW6'],
      ['foob', 'MZXW6YQ'],
      ['fooba', 'MZXW6YTB'],
      ['foobar', 'MZXW6YTBOI'],
    ]
    for (const [plain, encoded] of vectors) {
      expect(encodeBase32(ascii(plain))).toBe(encoded)
      expect(Buffer.from(decodeBase32(encoded)).toString('ascii')).toBe(plain)
    }
  })

  it('reads any case, padding, spaces and hyphens', () => {
    const expected = Buffer.from('Hello!\xde\xad\xbe\xef', 'latin1')
    for (const text of [
      'JBSWY3DPEHPK3PXP',
      'jbswy3dpehpk3pxp',
      'JbSw Y3dP EhPk 3pXp',
      'JBSW-Y3DP-EHPK-3PXP',
      ' JBSWY3DPEHPK3PXP\n',
    ]) {
      expect(Buffer.from(decodeBase32(text)).equals(expected)).toBe(true)
    }
    expect(Buffer.from(decodeBase32('MZXW6YQ=')).toString()).toBe('foob')
    expect(Buffer.from(decodeBase32('mzxw6===')).toString()).toBe('foo')
  })

  it('canonical form is upper case without padding or separators', () => {
    expect(canonicalBase32('mzxw 6yq=')).toBe('MZXW6YQ')
    expect(canonicalBase32('jbsw-y3dp-ehpk-3pxp')).toBe('JBSWY3DPEHPK3PXP')
  })

  it('rejects bad input with a message that does not quote it', () => {
    const cases: [string, RegExp][] = [
      ['', /empty/],
      ['  ', /empty/],
      ['JBSWY3DPEHPK3PX1', /outside A-Z and 2-7 at position 16/],
      ['JBSW=Y3DP', /padding/],
      ['JBSWY3DPE', /impossible length \(9 characters\)/],
      ['A', /impossible length/],
    ]
    for (const [text, message] of cases) {
      let caught: unknown
      try {
        decodeBase32(text)
      } catch (e) {
        caught = e
      }
      expect(isCairnError(caught, 'INVALID_ARGUMENT'), text).toBe(true)
      expect((caught as Error).message).toMatch(message)
      if (text.trim()) expect((caught as Error).message).not.toContain(text.trim())
    }
  })

  it('round-trips arbitrary bytes and agrees with the reference encoder', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 80 }), (bytes) => {
        const encoded = encodeBase32(bytes)
        expect(encoded).toBe(bitStringBase32(bytes))
        expect(Buffer.from(decodeBase32(encoded)).equals(Buffer.from(bytes))).toBe(true)
        expect(Buffer.from(decodeBase32(encoded.toLowerCase())).equals(Buffer.from(bytes))).toBe(
          true,
        )
      }),
    )
  })
})
