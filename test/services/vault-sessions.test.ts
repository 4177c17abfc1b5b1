import { copyFileSync, writeFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { CairnEvent } from '../../src-shared/ipc-contract.ts'
import { isCairnError } from '../../src-main/core/errors.ts'
import { required } from '../../src-main/services/core-ports.ts'
import { VaultSessions } from '../../src-main/services/vault-sessions.ts'
import { servicesInTempDir, type Harness } from './service-fixtures.ts'

let h: Harness
let events: CairnEvent[]
beforeEach(() => {
  h = servicesInTempDir()
  events = []
  h.services.events.subscribe((e) => events.push(e))
})
afterEach(() => h.cleanup())

async function expectCode(p: Promise<unknown> | (() => unknown), code: string) {
  try {
    await (typeof p === 'function' ? p() : p)
  } catch (error) {
    expect(isCairnError(error) && error.code).toBe(code)
    return
  }
  throw new Error(`expected ${code}`)
}

describe('VaultSessions', () => {
  it('keeps two vault files open side by side, each locked and unlocked on its own', async () => {
    const { sessions } = h.services
    const a = await sessions.create(h.path('Passwords.cairn'), 'Passwords', 'pw-one')
    const b = await sessions.create(h.path('2FA keys.cairn'), '2FA keys', 'pw-two')
    expect(sessions.list().map((v) => [v.name, v.state])).toEqual([
      ['Passwords', 'unlocked'],
      ['2FA keys', 'unlocked'],
    ])
    expect(a.uuid).not.toBe(b.uuid)

    sessions.lock(b.id)
    expect(sessions.info(a.id).state).toBe('unlocked')
    expect(sessions.info(b.id).state).toBe('locked')
    await expectCode(() => sessions.unlocked(b.id), 'LOCKED')

    await expectCode(sessions.unlock(b.id, 'pw-one'), 'WRONG_PASSWORD')
    expect(sessions.info(b.id).state).toBe('locked')
    await sessions.unlock(b.id, 'pw-two')
    expect(sessions.info(b.id).state).toBe('unlocked')
    expect(events.filter((e) => e.type === 'vaults-changed').length).toBeGreaterThanOrEqual(4)
  })

  it('reopens a closed vault file locked, remembers it as recent, and finds it by its uuid', async () => {
    const { sessions, settings } = h.services
    const created = await sessions.create(h.path('Mine.cairn'), 'Mine', 'pw')
    sessions.close(created.id)
    expect(sessions.list()).toEqual([])
    expect(settings.recent().map((r) => r.name)).toEqual(['Mine'])

    const reopened = sessions.open(h.path('Mine.cairn'))
    expect(reopened.state).toBe('locked')
    expect(reopened.uuid).toBe(created.uuid)
    expect(sessions.open(h.path('Mine.cairn')).id).toBe(reopened.id)
    expect(sessions.findByUuid(created.uuid)?.id).toBe(reopened.id)
    await sessions.unlock(reopened.id, 'pw')
    expect(sessions.findByUuid(created.uuid)?.state).toBe('unlocked')
  })

  it('opens one copy of a vault at a time, so cross-vault links stay unambiguous', async () => {
    const { sessions } = h.services
    const original = await sessions.create(h.path('Keys.cairn'), '2FA keys', 'pw')
    sessions.lock(original.id)
    copyFileSync(h.path('Keys.cairn'), h.path('Keys backup.cairn'))
    try {
      sessions.open(h.path('Keys backup.cairn'))
      expect.unreachable()
    } catch (error) {
      expect(isCairnError(error, 'CONFLICT')).toBe(true)
      expect((error as Error).message).toBe(
        'This vault is already open as “2FA keys” (Keys.cairn). Close it first to open this copy.',
      )
    }
    expect(sessions.list().map((v) => v.fileName)).toEqual(['Keys.cairn'])
    expect(sessions.findByUuid(original.uuid)?.id).toBe(original.id)

    sessions.close(original.id)
    const copy = sessions.open(h.path('Keys backup.cairn'))
    expect(copy.uuid).toBe(original.uuid)
    expect(sessions.findByUuid(original.uuid)?.id).toBe(copy.id)
  })

  it('refuses a file that is not a vault, and a path that is already taken', async () => {
    writeFileSync(h.path('notes.txt'), 'hello, not a database')
    await expectCode(() => h.services.sessions.open(h.path('notes.txt')), 'NOT_SQLITE')
    await expectCode(() => h.services.sessions.open(h.path('missing.cairn')), 'FILE_NOT_FOUND')
    writeFileSync(h.path('Taken.cairn'), '')
    await expectCode(
      h.services.sessions.create(h.path('Taken.cairn'), 'Taken', 'pw'),
      'FILE_EXISTS',
    )
  })

  it('locks every vault at once and clears a secret Cairn copied', async () => {
    const { sessions, clipboard } = h.services
    const a = await sessions.create(h.path('A.cairn'), 'A', 'pw')
    const b = await sessions.create(h.path('B.cairn'), 'B', 'pw')
    await clipboard.copy('copied-secret')
    sessions.lockAll()
    // Both still open (in the sidebar), both locked: locking is not closing.
    expect(sessions.list().map((v) => [v.id, v.state])).toEqual([
      [a.id, 'locked'],
      [b.id, 'locked'],
    ])
    await new Promise((r) => setImmediate(r))
    expect(await h.clipboard.readText()).toBe('')
  })

  it('lets two unlock attempts with one password share one derivation', async () => {
    const backend = required(h.services.options.vaultBackend, 'backend')
    let opened = 0
    const sessions = new VaultSessions({
      backend: {
        create: backend.create,
        open: (path) => {
          opened++
          return backend.open(path)
        },
      },
      settings: h.services.settings,
      events: h.services.events,
    })
    const v = await sessions.create(h.path('A.cairn'), 'A', 'pw')
    sessions.lock(v.id)
    const [one, two] = await Promise.all([sessions.unlock(v.id, 'pw'), sessions.unlock(v.id, 'pw')])
    expect(one.state).toBe('unlocked')
    expect(two.state).toBe('unlocked')
    expect(opened).toBe(1)
    sessions.closeAll()
  })

  it('checks an overlapping attempt with another password on its own', async () => {
    const { sessions } = h.services
    const v = await sessions.create(h.path('A.cairn'), 'A', 'pw')
    sessions.lock(v.id)
    // The right password first: the wrong one that overlaps it still fails.
    const right = sessions.unlock(v.id, 'pw')
    const wrong = sessions.unlock(v.id, 'not the password')
    expect((await right).state).toBe('unlocked')
    await expectCode(wrong, 'WRONG_PASSWORD')
    expect(sessions.info(v.id).state).toBe('unlocked')

    // The wrong one first: it fails, and the right one after it unlocks.
    sessions.lock(v.id)
    const wrongFirst = sessions.unlock(v.id, 'not the password')
    const rightAfter = sessions.unlock(v.id, 'pw')
    await expectCode(wrongFirst, 'WRONG_PASSWORD')
    expect((await rightAfter).state).toBe('unlocked')

    // Closed while the second waits its turn: it says so instead of unlocking a closed vault.
    sessions.lock(v.id)
    const first = sessions.unlock(v.id, 'pw')
    const second = sessions.unlock(v.id, 'another')
    sessions.close(v.id)
    expect((await first).state).toBe('locked')
    await expectCode(second, 'NOT_FOUND')
  })

  it('keeps a vault locked when a lock arrives while its unlock derives the key', async () => {
    const { sessions } = h.services
    const a = await sessions.create(h.path('A.cairn'), 'A', 'pw')
    const b = await sessions.create(h.path('B.cairn'), 'B', 'pw')
    sessions.lockAll()
    const requests: [string, () => void][] = [
      ['lockAll', () => sessions.lockAll()],
      ['lock', () => sessions.lock(a.id)],
      ['lock of the other vault', () => sessions.lock(b.id)],
    ]
    for (const [name, request] of requests) {
      const unlocking = sessions.unlock(a.id, 'pw')
      request() // auto-lock, suspend or a screen lock while Argon2id runs
      const expected = name === 'lock of the other vault' ? 'unlocked' : 'locked'
      expect((await unlocking).state, name).toBe(expected)
      expect(sessions.info(a.id).state, name).toBe(expected)
      sessions.lock(a.id)
    }
    await expectCode(() => sessions.unlocked(a.id), 'LOCKED')

    // Closed while unlocking: gone, and nothing left open.
    const unlocking = sessions.unlock(b.id, 'pw')
    sessions.close(b.id)
    expect((await unlocking).state).toBe('locked')
    expect(sessions.list().map((v) => v.name)).toEqual(['A'])

    // A later unlock works as usual.
    expect((await sessions.unlock(a.id, 'pw')).state).toBe('unlocked')
  })
})
