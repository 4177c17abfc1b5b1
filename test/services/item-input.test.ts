// ItemInput → ItemData with the real OTP engine: secrets the dialog did not send are kept.
import { describe, expect, it } from 'vitest'
import type { LoginInput } from '../../src-shared/ipc-contract.ts'
import type { LoginData, OtpData } from '../../src-main/core/vault/item-types.ts'
import { otpEngine } from '../../src-main/services/core-pieces.ts'
import { MAX_PASSWORD_HISTORY, toItemData } from '../../src-main/services/item-input.ts'
import type { VaultUuid } from '../../src-shared/ids.ts'

const login: LoginInput = {
  kind: 'login',
  title: ' Mail ',
  username: 'ada',
  password: 'first-password',
  urls: ['https://mail.example.org', ' ', 'https://mail.example.org'],
  notes: 'n',
  tags: ['work', ' work ', ''],
  fields: [{ name: 'PIN', secret: true, value: '1234' }],
  otpLink: { vaultUuid: 'v-uuid' as VaultUuid, itemId: 'i-1' },
}

describe('toItemData', () => {
  it('creates a login with trimmed, de-duplicated lists and the link in vault terms', () => {
    const data = toItemData(login, null, otpEngine, 1000) as LoginData
    expect(data).toMatchObject({
      type: 'login',
      title: 'Mail',
      password: 'first-password',
      urls: ['https://mail.example.org'],
      tags: ['work'],
      fields: [{ name: 'PIN', secret: true, value: '1234' }],
      otpLink: { vaultId: 'v-uuid', itemId: 'i-1' },
      passwordHistory: [],
    })
  })

  it('keeps the stored password and secret field values the dialog did not send', () => {
    const stored = toItemData(login, null, otpEngine, 1000) as LoginData
    const { password: _pw, ...withoutPassword } = login
    const edited = toItemData(
      {
        ...withoutPassword,
        title: 'Mail 2',
        fields: [{ name: 'PIN', secret: true, keepIndex: 0 }],
      },
      stored,
      otpEngine,
      2000,
    ) as LoginData
    expect(edited.password).toBe('first-password')
    expect(edited.fields[0]?.value).toBe('1234')
    expect(edited.passwordHistory).toEqual([])
    expect(edited.title).toBe('Mail 2')
  })

  it('moves a replaced password into the history, newest first, capped', () => {
    let data = toItemData(login, null, otpEngine, 0) as LoginData
    for (let i = 1; i <= MAX_PASSWORD_HISTORY + 3; i++) {
      data = toItemData({ ...login, password: `pw-${i}` }, data, otpEngine, i) as LoginData
    }
    expect(data.password).toBe(`pw-${MAX_PASSWORD_HISTORY + 3}`)
    expect(data.passwordHistory).toHaveLength(MAX_PASSWORD_HISTORY)
    expect(data.passwordHistory[0]).toEqual({
      password: `pw-${MAX_PASSWORD_HISTORY + 2}`,
      replacedAt: MAX_PASSWORD_HISTORY + 3,
    })
  })

  it('refuses a kept secret field that does not exist, and a change of type', () => {
    expect(() =>
      toItemData({ ...login, fields: [{ name: 'PIN', secret: true }] }, null, otpEngine, 0),
    ).toThrow('has no value')
    expect(() =>
      toItemData(
        { ...login, fields: [{ name: 'PIN', secret: true, keepIndex: 0 }] },
        null,
        otpEngine,
        0,
      ),
    ).toThrow('no stored value to keep')
    const stored = toItemData(login, null, otpEngine, 0)
    expect(() => toItemData({ kind: 'note', title: 'x', tags: [] }, stored, otpEngine, 0)).toThrow(
      'type cannot change',
    )
  })

  it('builds a 2FA key from an otpauth URI (80-bit secret), with the dialog’s issuer and account', () => {
    const data = toItemData(
      {
        kind: 'otp',
        title: '',
        issuer: 'Example Inc',
        account: 'ada@example.org',
        notes: '',
        tags: [],
        key: {
          from: 'uri',
          uri: 'otpauth://totp/Old:old?secret=jbswy3dpehpk3pxp&issuer=Old&digits=8',
        },
      },
      null,
      otpEngine,
      0,
    ) as OtpData
    expect(data).toMatchObject({
      type: 'otp',
      kind: 'totp',
      secret: 'JBSWY3DPEHPK3PXP',
      issuer: 'Example Inc',
      account: 'ada@example.org',
      digits: 8,
      period: 30,
    })
  })

  it('keeps a stored key when an edit sends none, and requires one to create', () => {
    const input = {
      kind: 'otp' as const,
      title: 'Work',
      issuer: 'GitHub',
      account: 'ada',
      notes: '',
      tags: [],
      key: {
        from: 'uri' as const,
        uri: 'otpauth://hotp/GitHub:ada?secret=JBSWY3DPEHPK3PXP&counter=7',
      },
    }
    const stored = toItemData(input, null, otpEngine, 0) as OtpData
    const { key: _key, ...noKey } = input
    const edited = toItemData({ ...noKey, account: 'ada2' }, stored, otpEngine, 0) as OtpData
    expect(edited.secret).toBe(stored.secret)
    expect(edited.counter).toBe(7)
    expect(edited.account).toBe('ada2')
    expect(() => toItemData(noKey, null, otpEngine, 0)).toThrow('needs a secret')
  })

  it('rejects a malformed URI with the engine’s own message', () => {
    expect(() =>
      toItemData(
        {
          kind: 'otp',
          title: '',
          issuer: '',
          account: '',
          notes: '',
          tags: [],
          key: { from: 'uri', uri: 'otpauth://totp/x?secret=!!' },
        },
        null,
        otpEngine,
        0,
      ),
    ).toThrow(/secret/i)
  })
})
