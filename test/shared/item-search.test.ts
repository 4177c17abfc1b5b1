import { describe, expect, it } from 'vitest'
import type { ItemSummary } from '../../src-shared/ipc-contract.ts'
import {
  buildSearchIndex,
  countByFilter,
  editDistanceAtMostOne,
  normalizeForSearch,
  searchItems,
} from '../../src-shared/item-search.ts'
import type { SessionId } from '../../src-shared/ids.ts'

function item(
  over: Partial<ItemSummary> & Pick<ItemSummary, 'id' | 'kind' | 'title'>,
): ItemSummary {
  return {
    vaultId: 'v' as SessionId,
    revision: 1,
    issuer: '',
    account: '',
    username: '',
    urls: [],
    tags: [],
    favourite: false,
    group: [],
    createdAt: 0,
    updatedAt: 0,
    deletedAt: null,
    otp: null,
    otpLink: null,
    hasPassword: false,
    recoveryCodes: null,
    ...over,
  }
}

const items = [
  item({
    id: '1',
    kind: 'login',
    title: 'Mail',
    username: 'ada@example.org',
    urls: ['https://mail.example.org'],
  }),
  item({ id: '2', kind: 'otp', title: '', issuer: 'GitHub', account: 'ada' }),
  item({ id: '3', kind: 'login', title: 'GitHub', username: 'ada', tags: ['work'] }),
  item({ id: '4', kind: 'note', title: 'Zoë’s wifi', tags: ['home'] }),
  item({ id: '5', kind: 'recovery-codes', title: 'GitHub recovery', issuer: 'GitHub' }),
  item({ id: '6', kind: 'login', title: 'Old bank', deletedAt: 5 }),
]
const index = buildSearchIndex(items)
const ids = (list: ItemSummary[]) => list.map((i) => i.id)

describe('item search', () => {
  it('finds by issuer, account, title, username, URL and tag, ignoring case and accents', () => {
    expect(ids(searchItems(index, 'github', 'all')).sort()).toEqual(['2', '3', '5'])
    expect(ids(searchItems(index, 'ADA', 'all')).sort()).toEqual(['1', '2', '3'])
    expect(ids(searchItems(index, 'mail.example', 'all'))).toEqual(['1'])
    expect(ids(searchItems(index, 'work', 'all'))).toEqual(['3'])
    expect(ids(searchItems(index, 'zoe', 'all'))).toEqual(['4'])
  })

  it('needs every word to match', () => {
    expect(ids(searchItems(index, 'github work', 'all'))).toEqual(['3'])
    expect(searchItems(index, 'github nothing', 'all')).toEqual([])
  })

  it('filters by kind and keeps trashed items out of everything but the trash', () => {
    expect(ids(searchItems(index, '', 'otp'))).toEqual(['2'])
    expect(ids(searchItems(index, 'github', 'recovery-codes'))).toEqual(['5'])
    expect(ids(searchItems(index, 'bank', 'all'))).toEqual([])
    expect(ids(searchItems(index, '', 'trash'))).toEqual(['6'])
  })

  it('lists only starred live items under favourites', () => {
    const starred = items.map((i) => (i.id === '3' || i.id === '6' ? { ...i, favourite: true } : i))
    expect(ids(searchItems(buildSearchIndex(starred), '', 'favourites'))).toEqual(['3'])
    expect(countByFilter(starred).favourites).toBe(1)
  })

  it('lists everything by title, and puts titles starting with the query first', () => {
    expect(ids(searchItems(index, '', 'all'))).toEqual(['2', '3', '5', '1', '4'])
    expect(ids(searchItems(index, 'mai', 'all'))[0]).toBe('1')
  })

  it('counts items per filter', () => {
    expect(countByFilter(items)).toEqual({
      all: 5,
      favourites: 0,
      login: 2,
      otp: 1,
      'recovery-codes': 1,
      note: 1,
      trash: 1,
    })
    expect(normalizeForSearch('Ærø Zoë')).toBe('ærø zoe')
  })
})

describe('small typos', () => {
  const typoItems = [
    item({ id: 'g', title: 'GitHub', issuer: 'GitHub', kind: 'otp' }),
    item({ id: 'm', title: 'Mailbox', username: 'ada', kind: 'login' }),
  ]
  const typoIndex = buildSearchIndex(typoItems)
  const ids = (q: string) => searchItems(typoIndex, q, 'all').map((i) => i.id)

  it('finds GitHub from "gthub", "githbu" and "gihtub"', () => {
    expect(ids('gthub')).toEqual(['g'])
    expect(ids('githbu')).toEqual(['g'])
    expect(ids('gihtub')).toEqual(['g'])
  })
  it('tolerates a typo while the word is still being typed', () => {
    expect(ids('gthu')).toEqual(['g'])
  })
  it('does not guess from very short words or from two typos', () => {
    expect(ids('gtb')).toEqual([])
    expect(ids('gthbu')).toEqual([])
  })
  it('prefers exact matches: no typo matches when something matches exactly', () => {
    expect(ids('mail')).toEqual(['m'])
  })
  it('measures one edit exactly', () => {
    expect(editDistanceAtMostOne('github', 'github')).toBe(true)
    expect(editDistanceAtMostOne('gthub', 'github')).toBe(true)
    expect(editDistanceAtMostOne('gtihub', 'github')).toBe(true)
    expect(editDistanceAtMostOne('gxthub', 'github')).toBe(true)
    expect(editDistanceAtMostOne('gthb', 'github')).toBe(false)
  })
})
