// The manifest's byte layout (docs/vault-format.md section 7) and its sealing.
import { describe, expect, it } from 'vitest'
import { encodeFields } from '../../../src-main/core/vault/field-encoding.ts'
import { open } from '../../../src-main/core/crypto/aes-gcm.ts'
import { Manifest, openManifest } from '../../../src-main/core/vault/manifest.ts'

const VAULT = '3f1c0a4e-9b7d-4f2e-8a61-0c5d2e7b9f10'
const KEY = Buffer.alloc(32, 0x42)
const A = '00000000-0000-4000-8000-0000000000aa'
const B = 'ffffffff-0000-4000-8000-0000000000bb'

function plaintext(m: Manifest): Buffer {
  const { nonce, ciphertext } = m.seal(KEY, VAULT)
  return open(KEY, nonce, ciphertext, encodeFields(['cairn.manifest.v1', VAULT]))
}

describe('manifest layout', () => {
  it('25 bytes per entry: id bytes, kind (1 item, 2 tombstone), revision big-endian; sorted by id', () => {
    const m = Manifest.fromEntries(
      new Map([
        [B, { kind: 'tombstone' as const, revision: 2 ** 40 + 7 }],
        [A, { kind: 'item' as const, revision: 3 }],
      ]),
    )
    expect(plaintext(m).toString('hex')).toBe(
      '000000000000400080000000000000aa' +
        '01' +
        '0000000000000003' +
        'ffffffff0000400080000000000000bb' +
        '02' +
        '0000010000000007',
    )
  })

  it('with() replaces an entry in place and inserts new ones in order', () => {
    const m = Manifest.fromEntries(new Map([[B, { kind: 'item' as const, revision: 1 }]]))
    const next = m.with(
      new Map([
        [B, { kind: 'tombstone' as const, revision: 2 }],
        [A, { kind: 'item' as const, revision: 1 }],
      ]),
    )
    expect([...next.ids()]).toEqual([
      [A, { kind: 'item', revision: 1 }],
      [B, { kind: 'tombstone', revision: 2 }],
    ])
    expect(next.get(B)).toEqual({ kind: 'tombstone', revision: 2 })
    expect(m.get(B)).toEqual({ kind: 'item', revision: 1 })
    expect(next.get('c0000000-0000-4000-8000-000000000000')).toBeUndefined()
  })

  it('opens only under the vault key and the vault id it was sealed for', () => {
    const m = Manifest.fromEntries(new Map([[A, { kind: 'item' as const, revision: 1 }]]))
    const row = m.seal(KEY, VAULT)
    expect(openManifest(KEY, VAULT, row)?.get(A)).toEqual({ kind: 'item', revision: 1 })
    expect(openManifest(KEY, 'another-vault', row)).toBeNull()
    expect(openManifest(Buffer.alloc(32, 1), VAULT, row)).toBeNull()
  })

  it('refuses a plaintext that is not whole sorted entries of known kinds', () => {
    const one = plaintext(
      Manifest.fromEntries(new Map([[A, { kind: 'item' as const, revision: 1 }]])),
    )
    const two = plaintext(
      Manifest.fromEntries(
        new Map([
          [A, { kind: 'item' as const, revision: 1 }],
          [B, { kind: 'item' as const, revision: 1 }],
        ]),
      ),
    )
    expect(Manifest.parse(one)).not.toBeNull()
    expect(Manifest.parse(one.subarray(0, 24))).toBeNull()
    expect(Manifest.parse(Buffer.concat([two.subarray(25), two.subarray(0, 25)]))).toBeNull()
    expect(Manifest.parse(Buffer.concat([one, one]))).toBeNull()
    const badKind = Buffer.from(one)
    badKind[16] = 3
    expect(Manifest.parse(badKind)).toBeNull()
  })
})
