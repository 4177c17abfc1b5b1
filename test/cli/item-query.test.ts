import { describe, expect, it } from 'vitest'
import { findItems, findOne } from '../../src-main/cli/item-query.ts'
import type { ItemData, ItemRecord } from '../../src-main/core/vault/item-types.ts'

let next = 0
function record(
  data: ItemData,
  id = `${(++next).toString(16).padStart(8, '0')}-1111-4111-8111-111111111111`,
): ItemRecord {
  return { id, revision: 1, createdAt: 0, updatedAt: 0, deletedAt: null, data }
}

function otp(issuer: string, account: string, title = ''): ItemRecord {
  return record({
    type: 'otp',
    kind: 'totp',
    secret: 'JBSWY3DPEHPK3PXP',
    issuer,
    account,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    encoder: 'standard',
    title,
    notes: '',
    tags: [],
  })
}

function login(title: string, username: string): ItemRecord {
  return record({
    type: 'login',
    title,
    username,
    password: 'secret',
    urls: [],
    notes: '',
    tags: [],
    fields: [],
    passwordHistory: [],
    otpLink: null,
  })
}

const google = otp('Google', 'ann@example.com')
const googleCloud = otp('Google Cloud', 'ann@example.com')
const github = otp('GitHub', 'octo', 'Work GitHub')
const bank = login('Bank', 'ann.b')
const note = record(
  { type: 'note', title: 'Wi-Fi', body: 'hunter2', tags: [] },
  'abcdef12-0000-4000-8000-000000000000',
)
const all = [google, googleCloud, github, bank, note]

describe('findItems', () => {
  it('matches issuer, account, title and username ignoring case', () => {
    expect(findItems(all, 'github')).toEqual([github])
    expect(findItems(all, 'WORK')).toEqual([github])
    expect(findItems(all, 'octo')).toEqual([github])
    expect(findItems(all, 'ANN.B')).toEqual([bank])
    expect(findItems(all, 'wi-fi')).toEqual([note])
  })

  it('prefers exact matches over partial ones', () => {
    expect(findItems(all, 'google')).toEqual([google])
    expect(findItems(all, 'goo')).toEqual([google, googleCloud])
  })

  it('matches the id in full or by its first characters', () => {
    expect(findItems(all, 'ABCDEF12')).toEqual([note])
    expect(findItems(all, note.id)).toEqual([note])
    expect(findItems(all, 'abc')).toEqual([])
  })

  it('never matches on secrets or on an empty query', () => {
    expect(findItems(all, 'secret')).toEqual([])
    expect(findItems(all, 'hunter2')).toEqual([])
    expect(findItems(all, 'JBSWY3')).toEqual([])
    expect(findItems(all, '  ')).toEqual([])
  })
})

describe('findOne', () => {
  it('returns the single match', () => {
    expect(findOne(all, 'bank', 'item')).toBe(bank)
  })

  it('says nothing matched', () => {
    expect(() => findOne(all, 'nothing', '2FA key')).toThrow("no 2FA key matches 'nothing'")
  })

  it('lists what matched when there are several, on one line', () => {
    let message = ''
    try {
      findOne(all, 'ann', 'item')
    } catch (e) {
      message = (e as Error).message
    }
    expect(message).toMatch(/^'ann' matches 3 items: Google \(ann@example.com\) \[[0-9a-f]{8}\], /)
    expect(message).toMatch(/use a longer query or the id$/)
    expect(message).not.toContain('\n')
  })
})
