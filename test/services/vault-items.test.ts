import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { API, type ItemSummary, type LoginInput } from '../../src-shared/ipc-contract.ts'
import { isCairnError } from '../../src-main/core/errors.ts'
import { servicesInTempDir, type Harness } from './service-fixtures.ts'
import type { SessionId } from '../../src-shared/ids.ts'

let h: Harness
let vaultId: SessionId
beforeEach(async () => {
  h = servicesInTempDir()
  vaultId = (await h.services.sessions.create(h.path('P.cairn'), 'Passwords', 'pw')).id
})
afterEach(() => h.cleanup())

const mail: LoginInput = {
  kind: 'login',
  title: 'Mail',
  username: 'ada@example.org',
  password: 'Tr0ub4dor&3-secret',
  urls: ['https://mail.example.org'],
  notes: 'work mail',
  tags: ['work'],
  fields: [
    { name: 'PIN', secret: true, value: '9931-secret' },
    { name: 'Customer no.', secret: false, value: 'C-77' },
  ],
  otpLink: null,
}

describe('VaultItems', () => {
  it('lists and details items without their secrets', () => {
    const { items } = h.services
    const created = items.create(vaultId, mail)
    const listed = JSON.stringify(items.list(vaultId))
    const detail = items.detail(vaultId, created.id)
    for (const text of [listed, JSON.stringify(detail)]) {
      expect(text).not.toContain('Tr0ub4dor')
      expect(text).not.toContain('9931-secret')
    }
    expect(detail).toMatchObject({
      title: 'Mail',
      username: 'ada@example.org',
      hasPassword: true,
      notes: 'work mail',
      fields: [
        { name: 'PIN', secret: true, value: null },
        { name: 'Customer no.', secret: false, value: 'C-77' },
      ],
    })
  })

  it('reveals one secret at a time on request', () => {
    const { items } = h.services
    const { id } = items.create(vaultId, mail)
    expect(items.reveal(vaultId, id, { kind: 'password' })).toBe('Tr0ub4dor&3-secret')
    expect(items.reveal(vaultId, id, { kind: 'field', index: 0 })).toBe('9931-secret')
    expect(() => items.reveal(vaultId, id, { kind: 'otp-secret' })).toThrow('no 2FA key')
  })

  it('edits without resending secrets, and rejects a stale edit', () => {
    const { items } = h.services
    const created = items.create(vaultId, mail)
    const { password: _pw, ...rest } = mail
    const edited = items.update(vaultId, created.id, created.revision, {
      ...rest,
      username: 'ada@new.example',
      fields: [
        { name: 'PIN', secret: true, keepIndex: 0 },
        { name: 'Customer no.', secret: false, value: 'C-78' },
      ],
    })
    expect(edited.revision).toBe(created.revision + 1)
    expect(edited.username).toBe('ada@new.example')
    expect(items.reveal(vaultId, created.id, { kind: 'password' })).toBe('Tr0ub4dor&3-secret')
    expect(items.reveal(vaultId, created.id, { kind: 'field', index: 0 })).toBe('9931-secret')
    try {
      items.update(vaultId, created.id, created.revision, mail)
      expect.unreachable()
    } catch (error) {
      expect(isCairnError(error, 'CONFLICT')).toBe(true)
    }
  })

  it('keeps each untouched secret field by its stored position, whatever the names', () => {
    const { items } = h.services
    const { password: _pw, ...rest } = mail
    const created = items.create(vaultId, {
      ...mail,
      fields: [
        { name: 'Answer', secret: true, value: 'first-answer' },
        { name: 'Answer', secret: true, value: 'second-answer' },
        { name: 'Backup', secret: true, value: 'backup-code' },
      ],
    })
    const values = () =>
      items
        .detail(vaultId, created.id)
        .fields.map((f, index) => [
          f.name,
          items.reveal(vaultId, created.id, { kind: 'field', index }),
        ])

    // Same names twice: each keeps its own value.
    const same = items.update(vaultId, created.id, created.revision, {
      ...rest,
      fields: [
        { name: 'Answer', secret: true, keepIndex: 0 },
        { name: 'Answer', secret: true, keepIndex: 1 },
        { name: 'Backup', secret: true, keepIndex: 2 },
      ],
    })
    expect(values()).toEqual([
      ['Answer', 'first-answer'],
      ['Answer', 'second-answer'],
      ['Backup', 'backup-code'],
    ])

    // Renamed, renamed onto another field's name, reordered, one removed: values follow positions.
    items.update(vaultId, created.id, same.revision, {
      ...rest,
      fields: [
        { name: 'Answer', secret: true, keepIndex: 2 },
        { name: 'Pet’s name', secret: true, keepIndex: 1 },
      ],
    })
    expect(values()).toEqual([
      ['Answer', 'backup-code'],
      ['Pet’s name', 'second-answer'],
    ])
  })

  it('refuses a kept value that is not stored, is kept twice, or comes with a value', () => {
    const { items } = h.services
    const { id, revision } = items.create(vaultId, mail)
    const { password: _pw, ...rest } = mail
    const cases: [LoginInput['fields'], string][] = [
      [[{ name: 'PIN', secret: true, keepIndex: 2 }], 'no stored value to keep'],
      [
        [
          { name: 'PIN', secret: true, keepIndex: 0 },
          { name: 'PIN 2', secret: true, keepIndex: 0 },
        ],
        'same stored value',
      ],
      [[{ name: 'PIN', secret: true, keepIndex: 0, value: 'x' }], 'both a value'],
      [[{ name: 'PIN', secret: true }], 'has no value'],
    ]
    for (const [fields, message] of cases) {
      expect(() => items.update(vaultId, id, revision, { ...rest, fields })).toThrow(message)
    }
    expect(items.reveal(vaultId, id, { kind: 'field', index: 0 })).toBe('9931-secret')
    expect(items.detail(vaultId, id).revision).toBe(revision)
  })

  it('keeps the old password in the history when it changes', () => {
    const { items } = h.services
    const created = items.create(vaultId, mail)
    items.update(vaultId, created.id, created.revision, { ...mail, password: 'new-password' })
    expect(items.passwordHistory(vaultId, created.id)).toHaveLength(1)
    expect(items.reveal(vaultId, created.id, { kind: 'history', index: 0 })).toBe(
      'Tr0ub4dor&3-secret',
    )
  })

  it('moves to the trash, restores, and purges only from the trash', () => {
    const { items } = h.services
    const { id } = items.create(vaultId, mail)
    expect(() => items.purge(vaultId, id)).toThrow('trash')
    expect(items.trash(vaultId, id).deletedAt).not.toBeNull()
    const listed = items.list(vaultId).items
    expect(listed.map((i) => i.id)).toEqual([id])
    expect(listed[0]?.deletedAt).toEqual(expect.any(Number))
    expect(items.restore(vaultId, id).deletedAt).toBeNull()
    items.trash(vaultId, id)
    items.purge(vaultId, id)
    expect(items.list(vaultId).items).toEqual([])
  })

  it('stores every item type, and what main copies for each kind of request', async () => {
    const { items, clipboard } = h.services
    const note = items.create(vaultId, {
      kind: 'note',
      title: 'Wifi',
      tags: [],
      body: 'router pw 123',
    })
    const codes = items.create(vaultId, {
      kind: 'recovery-codes',
      title: '',
      issuer: 'GitHub',
      notes: '',
      tags: [],
      codes: [
        { code: 'aaaa-1111', used: false },
        { code: 'bbbb-2222', used: true },
      ],
    })
    expect(codes.title).toBe('GitHub recovery codes')
    expect(codes.recoveryCodes).toEqual({ total: 2, used: 1 })
    expect(items.reveal(vaultId, note.id, { kind: 'note-body' })).toBe('router pw 123')
    expect(items.recoveryCodes(vaultId, codes.id)).toEqual([
      { code: 'aaaa-1111', used: false },
      { code: 'bbbb-2222', used: true },
    ])
    await clipboard.copy(items.textToCopy(vaultId, codes.id, { kind: 'recovery-code', index: 1 }))
    expect(await h.clipboard.readText()).toBe('bbbb-2222')
    const login = items.create(vaultId, mail)
    await clipboard.copy(items.textToCopy(vaultId, login.id, { kind: 'username' }))
    expect(await h.clipboard.readText()).toBe('ada@example.org')
  })

  it('searches every unlocked vault with the list’s matching', async () => {
    const { items, sessions } = h.services
    const other = await sessions.create(h.path('O.cairn'), 'Other', 'pw')
    items.create(vaultId, mail)
    items.create(other.id, { ...mail, title: 'Mail archive', username: 'archive' })
    items.create(other.id, { ...mail, title: 'Bank', username: 'ada', urls: [], tags: [] })
    expect(items.search('mail', 'all').map((i) => i.title)).toEqual(['Mail', 'Mail archive'])
    expect(items.search('ada work', 'login').map((i) => i.title)).toEqual(['Mail'])
    sessions.lock(other.id)
    expect(items.search('mail', 'all').map((i) => i.title)).toEqual(['Mail'])
  })

  it('searches the favourites through the API as the sidebar asks for them', async () => {
    const starred = h.services.items.create(vaultId, { ...mail, title: 'Starred mail' })
    h.services.items.create(vaultId, mail)
    h.services.items.setFavourite(vaultId, starred.id, true)
    const r = await h.handlers[API.items.search]!(['mail', 'favourites'])
    expect(r.ok && (r.value as ItemSummary[]).map((i) => i.title)).toEqual(['Starred mail'])
  })

  it('emits items-changed on every write', () => {
    const seen: string[] = []
    h.services.events.subscribe((e) => seen.push(e.type))
    const { id } = h.services.items.create(vaultId, mail)
    h.services.items.trash(vaultId, id)
    expect(seen.filter((t) => t === 'items-changed')).toHaveLength(2)
  })
})
