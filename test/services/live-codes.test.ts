import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { OtpInput } from '../../src-shared/ipc-contract.ts'
import { base32Decode, hotpRef, totpRef } from '../support/reference-otp.ts'
import { servicesInTempDir, type Harness } from './service-fixtures.ts'

// RFC 6238's SHA-1 test key, and one 80-bit secret as real services issue them.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'
const SHORT_SECRET = 'JBSWY3DPEHPK3PXP'
const T = 1_111_111_109 // an RFC 6238 test time (seconds)

let h: Harness
let clock = T * 1000
beforeEach(() => {
  clock = T * 1000
  h = servicesInTempDir({ now: () => clock })
})
afterEach(() => h.cleanup())

function key(uri: string, title = ''): OtpInput {
  return {
    kind: 'otp',
    title,
    issuer: 'Example',
    account: 'ada@example.org',
    notes: '',
    tags: [],
    key: { from: 'uri', uri },
  }
}

describe('LiveCodes', () => {
  it('gives TOTP codes by the clock, with the next code, matching RFC 6238', async () => {
    const v = await h.services.sessions.create(h.path('K.cairn'), '2FA keys', 'pw')
    const rfc = h.services.items.create(v.id, key(`otpauth://totp/x?secret=${RFC_SECRET}&digits=8`))
    const short = h.services.items.create(v.id, key(`otpauth://totp/x?secret=${SHORT_SECRET}`))
    const [a, b] = h.services.codes.get(v.id, [rfc.id, short.id])
    expect(a).toMatchObject({ status: 'totp', code: '07081804', digits: 8, period: 30 })
    if (a?.status !== 'totp' || b?.status !== 'totp') throw new Error('expected TOTP codes')
    expect(a.nextCode).toBe(totpRef(base32Decode(RFC_SECRET), T + 30, 8))
    expect(a.validFrom).toBe(Math.floor(T / 30) * 30_000)
    expect(a.validUntil).toBe(a.validFrom + 30_000)
    expect(b.code).toBe(totpRef(base32Decode(SHORT_SECRET), T))
    clock += 30_000
    expect(h.services.codes.get(v.id, [short.id])[0]).toMatchObject({
      code: totpRef(base32Decode(SHORT_SECRET), T + 30),
    })
  })

  it('advances an HOTP counter durably with every code (it survives locking)', async () => {
    const v = await h.services.sessions.create(h.path('K.cairn'), '2FA keys', 'pw')
    const item = h.services.items.create(
      v.id,
      key(`otpauth://hotp/x?secret=${RFC_SECRET}&counter=5`),
    )
    expect(h.services.codes.get(v.id, [item.id])[0]).toMatchObject({ status: 'hotp', counter: 5 })
    const first = h.services.codes.hotpNext(v.id, item.id)
    const second = h.services.codes.hotpNext(v.id, item.id)
    expect(first).toEqual({ code: hotpRef(base32Decode(RFC_SECRET), 5), counter: 5 })
    expect(second).toEqual({ code: hotpRef(base32Decode(RFC_SECRET), 6), counter: 6 })
    // RFC 4226 appendix D: counter 5 → 254676, 6 → 287922.
    expect([first.code, second.code]).toEqual(['254676', '287922'])
    h.services.sessions.lock(v.id)
    await h.services.sessions.unlock(v.id, 'pw')
    expect(h.services.codes.get(v.id, [item.id])[0]).toMatchObject({ counter: 7 })
  })

  it('shows a login the code of a key linked in another vault while both are unlocked', async () => {
    const { sessions, items, codes } = h.services
    const keys = await sessions.create(h.path('K.cairn'), '2FA keys', 'pw-keys')
    const passwords = await sessions.create(h.path('P.cairn'), 'Passwords', 'pw-passwords')
    const otp = items.create(keys.id, key(`otpauth://totp/x?secret=${SHORT_SECRET}`))
    const login = items.create(passwords.id, {
      kind: 'login',
      title: 'Example',
      username: 'ada',
      password: 'pw',
      urls: [],
      notes: '',
      tags: [],
      fields: [],
      otpLink: { vaultUuid: keys.vaultUuid, itemId: otp.id },
    })
    expect(codes.get(passwords.id, [login.id])[0]).toMatchObject({
      status: 'totp',
      itemId: login.id,
      code: totpRef(base32Decode(SHORT_SECRET), T),
    })
    expect(items.detail(passwords.id, login.id).otpLinkTarget).toEqual({
      state: 'unlocked',
      vaultName: '2FA keys',
      title: 'Example',
    })
    sessions.lock(keys.id)
    expect(codes.get(passwords.id, [login.id])[0]).toMatchObject({
      status: 'unavailable',
      reason: 'linked-vault-locked',
    })
    expect(() => codes.codeToCopy(passwords.id, login.id)).toThrow('Unlock the vault')
    sessions.close(keys.id)
    expect(codes.get(passwords.id, [login.id])[0]).toMatchObject({ reason: 'linked-missing' })
  })

  it('previews a key (without its secret) before it is saved', () => {
    const preview = h.services.codes.preview({
      from: 'secret',
      secret: 'jbsw y3dp ehpk 3pxp',
      issuer: 'Example',
      account: 'ada',
      kind: 'totp',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: 0,
      encoder: 'standard',
    })
    expect(preview).toMatchObject({
      issuer: 'Example',
      account: 'ada',
      code: totpRef(base32Decode(SHORT_SECRET), T),
    })
    expect(JSON.stringify(preview)).not.toContain('JBSW')
  })
})
