// Groups across copies of a vault: two copies that each made, filled, renamed and deleted groups
// merge into the same tree either way round, and a backup carries empty groups through restore.
import { copyFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { writeBackup } from '../../../src-main/core/backup/backup-writer.ts'
import { mergeInto } from '../../../src-main/core/backup/merge.ts'
import { restoreBackup } from '../../../src-main/core/backup/restore.ts'
import type { UnlockedVaultFile } from '../../../src-main/core/vault/unlocked-vault-file.ts'
import {
  createGroup,
  deleteGroup,
  moveItems,
  renameGroup,
  vaultGroupTree,
} from '../../../src-main/core/vault/vault-groups.ts'
import { flattenGroupTree } from '../../../src-shared/group-path.ts'
import { login, newVault, note, tempDir } from '../vault/vault-fixtures.ts'
import { password, unlock } from './backup-fixtures.ts'

let tmp: ReturnType<typeof tempDir>
let clock = 1_700_000_000_000
const tick = () => vi.setSystemTime((clock += 1000))

beforeEach(() => {
  tmp = tempDir()
  vi.useFakeTimers({ toFake: ['Date'] })
  tick()
})
afterEach(() => {
  vi.useRealTimers()
  tmp.cleanup()
})

function shape(v: UnlockedVaultFile): string[] {
  return flattenGroupTree(vaultGroupTree(v)).map(
    ({ node }) => `${node.path.join('/')}: ${node.count}/${node.total}`,
  )
}

function groupsOfItems(v: UnlockedVaultFile): Record<string, string> {
  return Object.fromEntries(
    v.list().items.map((r) => [r.data.title, (r.data.group ?? []).join('/')]),
  )
}

describe('merging copies with groups', () => {
  it('ends with the same groups and items on both sides, whichever way it runs', async () => {
    const a = await newVault(tmp.file('a.cairn'))
    const mail = a.add({ ...login({ title: 'Mail' }), group: ['Work'] })
    const wifi = a.add(note({ title: 'Wifi' }))
    createGroup(a, ['Old'])
    a.lock()
    copyFileSync(tmp.file('a.cairn'), tmp.file('b.cairn'))
    const left = await unlock(tmp.file('a.cairn'), password)
    const right = await unlock(tmp.file('b.cairn'), password)

    tick()
    createGroup(left, ['Bank'])
    renameGroup(left, ['Work'], ['Job'])
    tick()
    createGroup(right, ['Travel', 'Visas'])
    moveItems(right, [wifi.id], ['Home'])
    deleteGroup(right, ['Old'])

    tick()
    mergeInto(left, right.state())
    tick()
    mergeInto(right, left.state())

    const expected = ['Bank: 0/0', 'Home: 1/1', 'Job: 1/1', 'Travel: 0/0', 'Travel/Visas: 0/0']
    expect(shape(left)).toEqual(expected)
    expect(shape(right)).toEqual(expected)
    expect(groupsOfItems(left)).toEqual({ Mail: 'Job', Wifi: 'Home' })
    expect(groupsOfItems(right)).toEqual(groupsOfItems(left))
    expect(left.get(mail.id).data.group).toEqual(['Job'])
    // A second merge finds nothing to do.
    expect(mergeInto(left, right.state())).toMatchObject({ added: 0, updated: 0, deleted: 0 })
    left.lock()
    right.lock()
  })

  it('keeps both names when both copies renamed the same kept group', async () => {
    const a = await newVault(tmp.file('a.cairn'))
    createGroup(a, ['Work'])
    a.lock()
    copyFileSync(tmp.file('a.cairn'), tmp.file('b.cairn'))
    const left = await unlock(tmp.file('a.cairn'), password)
    const right = await unlock(tmp.file('b.cairn'), password)
    tick()
    renameGroup(left, ['Work'], ['Job'])
    tick()
    renameGroup(right, ['Work'], ['Office'])
    mergeInto(left, right.state())
    expect(shape(left)).toEqual(['Job: 0/0', 'Office: 0/0'])
    left.lock()
    right.lock()
  })
})

describe('backups with groups', () => {
  it('restore brings back empty groups and every item in its group', async () => {
    const v = await newVault(tmp.file('v.cairn'))
    v.add({ ...login({ title: 'Mail' }), group: ['Work', 'Mail'] })
    createGroup(v, ['Empty', 'Inner'])
    const summary = await writeBackup(v, tmp.file('b.cairnbackup'), {
      protection: { kind: 'vault-slots' },
    })
    expect(summary.items).toBe(1)
    const before = shape(v)
    v.lock()
    await restoreBackup(tmp.file('b.cairnbackup'), tmp.file('r.cairn'), password)
    const restored = await unlock(tmp.file('r.cairn'), password)
    expect(shape(restored)).toEqual(before)
    expect(before).toEqual(['Empty: 0/0', 'Empty/Inner: 0/0', 'Work: 0/1', 'Work/Mail: 1/1'])
    restored.lock()
  })
})
