import { writeFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { CairnEvent } from '../../src-shared/ipc-contract.ts'
import { isCairnError } from '../../src-main/core/errors.ts'
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
    await sessions.create(h.path('A.cairn'), 'A', 'pw')
    await sessions.create(h.path('B.cairn'), 'B', 'pw')
    await clipboard.copy('copied-secret')
    sessions.lockAll()
    expect(sessions.list().every((v) => v.state === 'locked')).toBe(true)
    await new Promise((r) => setImmediate(r))
    expect(await h.clipboard.readText()).toBe('')
  })

  it('lets two unlock attempts that overlap share one derivation', async () => {
    const { sessions } = h.services
    const v = await sessions.create(h.path('A.cairn'), 'A', 'pw')
    sessions.lock(v.id)
    const [one, two] = await Promise.all([sessions.unlock(v.id, 'pw'), sessions.unlock(v.id, 'pw')])
    expect(one.state).toBe('unlocked')
    expect(two.state).toBe('unlocked')
  })
})
