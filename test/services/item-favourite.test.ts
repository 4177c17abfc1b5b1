// The favourite star lives in the encrypted item JSON: stored only as `true`, checked on the way
// in and out, and kept when the editor (which does not show it) saves the other fields.
import { describe, expect, it } from 'vitest'
import type { LoginInput } from '../../src-shared/ipc-contract.ts'
import type { ItemData } from '../../src-main/core/vault/item-types.ts'
import { checkStoredItem, validateItemData } from '../../src-main/core/vault/item-validation.ts'
import { otpEngine } from '../../src-main/services/core-pieces.ts'
import { toItemData } from '../../src-main/services/item-input.ts'

const note = { type: 'note', title: 'Wifi', body: 'b', tags: [] }
const loginInput: LoginInput = {
  kind: 'login',
  title: 'Mail',
  username: 'ada',
  password: 'pw',
  urls: [],
  notes: '',
  tags: [],
  fields: [],
  otpLink: null,
}

describe('favourite', () => {
  it('is kept as true and left out when false or absent', () => {
    expect(validateItemData({ ...note, favourite: true })).toEqual({ ...note, favourite: true })
    expect(validateItemData({ ...note, favourite: false })).toEqual(note)
    expect(validateItemData(note)).toEqual(note)
    expect('favourite' in validateItemData({ ...note, favourite: false })).toBe(false)
  })

  it('rejects anything but true or false', () => {
    expect(() => validateItemData({ ...note, favourite: 'yes' })).toThrow(
      'Invalid item: note.favourite must be true or false',
    )
    expect(checkStoredItem({ ...note, favourite: 1 })).toEqual({
      invalid: 'note.favourite must be true or false',
    })
  })

  it('survives an edit of the other fields, on every kind the editor saves', () => {
    const stored = { ...toItemData(loginInput, null, otpEngine, 1), favourite: true } as ItemData
    const edited = toItemData({ ...loginInput, username: 'bob' }, stored, otpEngine, 2)
    expect(edited).toMatchObject({ username: 'bob', favourite: true })
    const plain = toItemData(loginInput, null, otpEngine, 1)
    expect('favourite' in toItemData(loginInput, plain, otpEngine, 2)).toBe(false)
    const key = toItemData(
      {
        kind: 'otp',
        title: '',
        issuer: 'GitHub',
        account: 'ada',
        notes: '',
        tags: [],
        key: {
          from: 'uri',
          uri: 'otpauth://totp/GitHub:ada?secret=JBSWY3DPEHPK3PXP&issuer=GitHub',
        },
      },
      null,
      otpEngine,
      1,
    )
    const starredKey = { ...key, favourite: true } as ItemData
    const keptKey = toItemData(
      { kind: 'otp', title: 'Hub', issuer: 'GitHub', account: 'ada', notes: '', tags: [] },
      starredKey,
      otpEngine,
      2,
    )
    expect(keptKey).toMatchObject({ title: 'Hub', favourite: true, secret: 'JBSWY3DPEHPK3PXP' })
    expect(validateItemData(keptKey)).toEqual(keptKey)
  })
})
