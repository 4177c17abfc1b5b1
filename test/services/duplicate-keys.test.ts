// A key being added is compared in main with every key of the unlocked vaults: the preview names
// the keys that already hold its secret (titles and vaults only), in this vault or the other.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { OtpInput } from '../../src-shared/ipc-contract.ts'
import type { SessionId } from '../../src-shared/ids.ts'
import { servicesInTempDir, type Harness } from './service-fixtures.ts'

const SECRET = 'JBSWY3DPEHPK3PXP'

let h: Harness
let passwords: SessionId
let keys: SessionId
beforeEach(async () => {
  h = servicesInTempDir()
  passwords = (await h.services.sessions.create(h.path('P.cairn'), 'Passwords', 'pw')).id
  keys = (await h.services.sessions.create(h.path('K.cairn'), '2FA keys', 'pw2')).id
  const github: OtpInput = {
    kind: 'otp',
    title: '',
    issuer: 'GitHub',
    account: 'ada',
    notes: '',
    tags: [],
    key: { from: 'uri', uri: `otpauth://totp/GitHub:ada?secret=${SECRET}&issuer=GitHub` },
  }
  h.services.items.create(keys, github)
})
afterEach(() => h.cleanup())

const typed = (secret: string) =>
  ({
    from: 'secret',
    secret,
    issuer: 'Hub',
    account: '',
    kind: 'totp',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    encoder: 'standard',
  }) as const

describe('preview of a key being added', () => {
  it('names the saved keys with the same secret, in any unlocked vault', () => {
    const preview = h.services.codes.preview(typed('jbsw y3dp ehpk 3pxp'))
    expect(preview.alreadyIn).toEqual([
      { vaultId: keys, vaultName: '2FA keys', itemId: expect.any(String), title: 'GitHub' },
    ])
    expect(JSON.stringify(preview)).not.toContain(SECRET)
    expect(h.services.codes.preview(typed('GEZDGNBVGY3TQOJQ')).alreadyIn).toEqual([])

    // A copy beside the passwords counts too.
    h.services.items.create(passwords, {
      kind: 'otp',
      title: 'Old copy',
      issuer: 'GitHub',
      account: 'ada',
      notes: '',
      tags: [],
      key: typed(SECRET),
    })
    const again = h.services.codes.preview(typed(SECRET)).alreadyIn?.map((k) => k.vaultName)
    expect(again?.sort()).toEqual(['2FA keys', 'Passwords'])
  })

  it('leaves out keys in the trash and in locked vaults', () => {
    const [saved] = h.services.items.list(keys).items
    h.services.items.trash(keys, saved!.id)
    expect(h.services.codes.preview(typed(SECRET)).alreadyIn).toEqual([])
    h.services.items.restore(keys, saved!.id)
    h.services.sessions.lock(keys)
    expect(h.services.codes.preview(typed(SECRET)).alreadyIn).toEqual([])
  })
})
