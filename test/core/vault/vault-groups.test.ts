// Groups on real vault files: the path lives inside the encrypted item, empty groups are rows of
// their own (nothing about them in the clear), and create, move, rename and delete each write one
// transaction that survives locking and unlocking again.
import { readFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { isCairnError } from '../../../src-main/core/errors.ts'
import { applyImport, planImport, vaultItems } from '../../../src-main/core/import/import-plan.ts'
import { checkStoredItem, validateItemData } from '../../../src-main/core/vault/item-validation.ts'
import { openVault } from '../../../src-main/core/vault/vault-file.ts'
import {
  createGroup,
  deleteGroup,
  moveItems,
  renameGroup,
  vaultGroupTree,
} from '../../../src-main/core/vault/vault-groups.ts'
import type { UnlockedVaultFile } from '../../../src-main/core/vault/unlocked-vault-file.ts'
import { groupTree, flattenGroupTree } from '../../../src-shared/group-path.ts'
import { PASSWORD, login, newVault, note, tempDir, type TempDir } from './vault-fixtures.ts'

let tmp: TempDir
let v: UnlockedVaultFile
beforeEach(async () => {
  tmp = tempDir()
  v = await newVault(tmp.file('v.cairn'))
})
afterEach(() => {
  if (!v.isLocked) v.lock()
  tmp.cleanup()
})

/** The tree as "path: own count / total" lines, in reading order. */
function shape(): string[] {
  return flattenGroupTree(vaultGroupTree(v)).map(
    ({ node }) => `${node.path.join('/')}: ${node.count}/${node.total}`,
  )
}

async function reopened(): Promise<UnlockedVaultFile> {
  v.lock()
  v = (await (
    await openVault(tmp.file('v.cairn'))
  ).unlock({
    kind: 'password',
    password: PASSWORD,
  })) as UnlockedVaultFile
  return v
}

describe('group paths in item data', () => {
  const plain = { type: 'note', title: 'Wifi', body: 'b', tags: [] }

  it('stores a group only when there is one, and checks every name', () => {
    expect(validateItemData({ ...plain, group: ['Work', 'Servers'] })).toEqual({
      ...plain,
      group: ['Work', 'Servers'],
    })
    expect('group' in validateItemData({ ...plain, group: [] })).toBe(false)
    expect(() => validateItemData({ ...plain, group: ['Work/Servers'] })).toThrow(
      'Invalid item: note.group: A group name cannot contain "/"',
    )
    expect(() => validateItemData({ ...plain, group: [' Work'] })).toThrow('start or end')
    expect(() => validateItemData({ ...plain, group: 'Work' })).toThrow('list of names')
    expect(checkStoredItem({ ...plain, group: ['a\u0000b'] })).toEqual({
      invalid: 'note.group: A group name cannot contain control characters',
    })
    expect(checkStoredItem({ type: 'group', path: [] })).toEqual({
      invalid: 'group.path: A group needs at least one name',
    })
  })
})

describe('groups of a vault', () => {
  it('keeps an empty group, encrypted, across lock and unlock', async () => {
    createGroup(v, ['Bank accounts', 'Joint'])
    expect(shape()).toEqual(['Bank accounts: 0/0', 'Bank accounts/Joint: 0/0'])
    // A kept group is a row, but never an item: lists and reads by id leave it out.
    expect(v.list({ includeTrash: true }).items).toEqual([])
    const [kept] = v.groups()
    expect(() => v.get(kept!.id)).toThrow(`No item with id ${kept!.id}`)
    expect(() => v.trash(kept!.id)).toThrow('No item with id')
    await reopened()
    expect(shape()).toEqual(['Bank accounts: 0/0', 'Bank accounts/Joint: 0/0'])
    v.lock()
    const bytes = readFileSync(tmp.file('v.cairn'))
    expect(bytes.includes(Buffer.from('Bank accounts'))).toBe(false)
    expect(bytes.includes(Buffer.from('Joint'))).toBe(false)
  })

  it('refuses a group that exists, and names a person can act on', () => {
    createGroup(v, ['Work'])
    const e = (() => {
      try {
        createGroup(v, ['Work'])
      } catch (err) {
        return err
      }
    })()
    expect(isCairnError(e, 'CONFLICT')).toBe(true)
    expect(() => createGroup(v, [''])).toThrow('A group name cannot be empty')
    expect(() => createGroup(v, [])).toThrow('at least one name')
  })

  it('moves items into a group (kept from then on) and back to the top level', () => {
    const a = v.add(login({ title: 'A' }))
    const b = v.add(note({ title: 'B' }))
    expect(moveItems(v, [a.id, b.id], ['Work', 'Servers'])).toBe(2)
    expect(v.get(a.id).data.group).toEqual(['Work', 'Servers'])
    expect(shape()).toEqual(['Work: 0/2', 'Work/Servers: 2/2'])
    expect(moveItems(v, [a.id, b.id], ['Work', 'Servers'])).toBe(0)
    expect(moveItems(v, [a.id, b.id], [])).toBe(2)
    expect('group' in v.get(a.id).data).toBe(false)
    // The group the items left stays, as a KeePass group would.
    expect(shape()).toEqual(['Work: 0/0', 'Work/Servers: 0/0'])
    expect(() => moveItems(v, ['not-an-id'], ['Work'])).toThrow('No item with id not-an-id')
  })

  it('renames a group with its subgroups, its items and its items in the trash', async () => {
    const a = v.add({ ...login({ title: 'A' }), group: ['Work', 'Servers'] })
    const b = v.add({ ...note({ title: 'B' }), group: ['Work'] })
    const c = v.add({ ...note({ title: 'C' }), group: ['Home'] })
    createGroup(v, ['Work', 'Empty'])
    v.trash(b.id)
    expect(renameGroup(v, ['Work'], ['Job'])).toBe(2)
    await reopened()
    expect(v.get(a.id).data.group).toEqual(['Job', 'Servers'])
    expect(v.get(b.id).data.group).toEqual(['Job'])
    expect(v.get(c.id).data.group).toEqual(['Home'])
    expect(shape()).toEqual(['Home: 1/1', 'Job: 0/1', 'Job/Empty: 0/0', 'Job/Servers: 1/1'])
    expect(() => renameGroup(v, ['Job'], ['Home'])).toThrow('The group Home exists already')
    expect(() => renameGroup(v, ['Job'], ['Job', 'Inner'])).toThrow('cannot be moved into itself')
    expect(() => renameGroup(v, ['Nope'], ['Other'])).toThrow('There is no group Nope')
    // Moving a group under another one is a rename of its path.
    renameGroup(v, ['Job', 'Servers'], ['Home', 'Servers'])
    expect(v.get(a.id).data.group).toEqual(['Home', 'Servers'])
  })

  it('deletes a group: its items and subgroups move up into its parent', async () => {
    const a = v.add({ ...login({ title: 'A' }), group: ['Work', 'Servers', 'Linux'] })
    const b = v.add({ ...note({ title: 'B' }), group: ['Work', 'Servers'] })
    createGroup(v, ['Work', 'Servers', 'Empty'])
    expect(deleteGroup(v, ['Work', 'Servers'])).toEqual({ parent: ['Work'], moved: 2 })
    await reopened()
    expect(v.get(a.id).data.group).toEqual(['Work', 'Linux'])
    expect(v.get(b.id).data.group).toEqual(['Work'])
    expect(shape()).toEqual(['Work: 1/2', 'Work/Empty: 0/0', 'Work/Linux: 1/1'])
    expect(deleteGroup(v, ['Work'])).toEqual({ parent: [], moved: 2 })
    expect('group' in v.get(b.id).data).toBe(false)
    expect(shape()).toEqual(['Empty: 0/0', 'Linux: 1/1'])
    // A deleted kept group leaves a tombstone, so a merge carries the deletion.
    createGroup(v, ['Solo'])
    const [solo] = v.groups().filter((g) => g.data.path[0] === 'Solo')
    deleteGroup(v, ['Solo'])
    expect(v.tombstones().map((t) => t.id)).toContain(solo!.id)
  })
})

describe('importing into groups', () => {
  it('puts items into their folders and keeps the empty ones, in the same write', async () => {
    createGroup(v, ['Archive'])
    const file = {
      format: 'test',
      formatName: 'Test',
      problems: [],
      notes: [],
      entries: [
        { where: 'entry 1', folder: 'Work/Servers', data: note({ title: 'Rack' }) },
        { where: 'entry 2', data: note({ title: 'Loose' }) },
      ],
      groups: ['Work', 'Work/Servers', 'Archive', 'Empty/Inner'],
    }
    const plan = planImport([{ name: 'x', file }], vaultItems(v.list()))
    applyImport(v, plan)
    await reopened()
    expect(shape()).toEqual([
      'Archive: 0/0',
      'Empty: 0/0',
      'Empty/Inner: 0/0',
      'Work: 0/1',
      'Work/Servers: 1/1',
    ])
    // A group the vault already kept is not kept twice.
    expect(v.groups().filter((g) => g.data.path.join('/') === 'Archive')).toHaveLength(1)
    // Folders are groups now, not tags.
    expect(v.list().items.map((r) => r.data.tags)).toEqual([[], []])
  })
})

describe('groupTree', () => {
  it('joins kept groups and item groups, sorts names as people read them, counts', () => {
    const tree = groupTree(
      [['b'], ['A', 'x2'], ['A', 'x10']],
      [['A', 'x2'], ['A', 'x2'], undefined, ['A']],
    )
    expect(flattenGroupTree(tree).map(({ node, depth }) => [depth, node.name, node.total])).toEqual(
      [
        [0, 'A', 3],
        [1, 'x2', 2],
        [1, 'x10', 0],
        [0, 'b', 0],
      ],
    )
  })
})
