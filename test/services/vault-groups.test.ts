// Groups through the window's handler table on a real vault file: an import's folders become the
// tree, the tree's changes each announce new items, items move, the editor's input keeps or sets
// the group, and bad names come back as sentences a person can act on.
import { afterEach, describe, expect, it } from 'vitest'
import {
  API,
  type CairnEvent,
  type ImportPreview,
  type ItemSummary,
  type VaultGroups,
  type VaultInfo,
} from '../../src-shared/ipc-contract.ts'
import { flattenGroupTree } from '../../src-shared/group-path.ts'
import { AEGIS_DB } from '../core/import/importers/fixtures/aegis-db.ts'
import { servicesInTempDir, type Harness } from './service-fixtures.ts'

let h: Harness
afterEach(() => h.cleanup())

const call = <T = unknown>(channel: string, ...args: unknown[]) => h.call<T>(channel, ...args)
const value = <T>(channel: string, ...args: unknown[]) => h.value<T>(channel, ...args)
const shape = (g: VaultGroups) =>
  flattenGroupTree(g.tree).map(({ node }) => `${node.path.join('/')}: ${node.total}`)
const items = async (id: string) =>
  Object.fromEntries(
    (await value<{ items: ItemSummary[] }>(API.items.list, id)).items.map((i) => [
      i.title,
      i.group.join('/'),
    ]),
  )

async function vault() {
  h = servicesInTempDir({ typedPathsAreFileChoices: true })
  return value<VaultInfo>(API.vaults.create, {
    path: h.path('Keys.cairn'),
    name: 'Keys',
    password: 'pw',
  })
}

describe('groups in the app', () => {
  it('imports folders as groups, then creates, moves, renames and deletes', async () => {
    const v = await vault()
    const events: CairnEvent[] = []
    h.services.events.subscribe((e) => events.push(e))
    const preview = await value<ImportPreview>(API.imports.preview, v.id, {
      fileName: 'aegis.json',
      bytes: new TextEncoder().encode(
        JSON.stringify({ version: 1, header: { slots: null, params: null }, db: AEGIS_DB }),
      ),
      password: null,
      format: null,
      keyFile: null,
      keysVaultId: null,
      path: null,
    })
    if (preview.status !== 'ready') throw new Error('expected a preview')
    await value(API.imports.apply, v.id, preview.previewId)
    expect(shape(await value<VaultGroups>(API.groups.tree, v.id))).toEqual(['Work: 1'])
    const imported = await items(v.id)
    expect(Object.values(imported).filter((g) => g === 'Work')).toHaveLength(1)

    events.length = 0
    const created = await value<VaultGroups>(API.groups.create, v.id, ['Work', 'Servers'])
    expect(shape(created)).toEqual(['Work: 1', 'Work/Servers: 0'])
    expect(events).toContainEqual({ type: 'items-changed', vaultId: v.id })

    const list = (await value<{ items: ItemSummary[] }>(API.items.list, v.id)).items
    const ids = list.filter((i) => i.group.length === 0).map((i) => i.id)
    expect(await value<number>(API.items.move, v.id, ids, ['Work', 'Servers'])).toBe(ids.length)
    const renamed = await value<VaultGroups>(API.groups.rename, v.id, ['Work'], ['Job'])
    expect(shape(renamed)).toEqual([`Job: ${list.length}`, `Job/Servers: ${ids.length}`])
    const removed = await value<VaultGroups>(API.groups.remove, v.id, ['Job'])
    expect(shape(removed)).toEqual([`Servers: ${ids.length}`])
    expect(Object.values(await items(v.id)).sort()).toEqual(
      list.map((i) => (ids.includes(i.id) ? 'Servers' : '')).sort(),
    )

    const bad = await call(API.groups.create, v.id, ['a/b'])
    expect(bad.ok ? 'OK' : [bad.error.code, bad.error.message]).toEqual([
      'INVALID_ARGUMENT',
      'A group name cannot contain "/"',
    ])
    const twice = await call(API.groups.create, v.id, ['Servers'])
    expect(twice.ok ? 'OK' : twice.error.message).toBe('The group Servers exists already')
  })

  it('keeps an item’s group through an edit that does not name one, and sets one that does', async () => {
    const v = await vault()
    const note = { kind: 'note', title: 'Wifi', tags: [], body: 'pw' }
    const added = await value<ItemSummary>(API.items.create, v.id, { ...note, group: ['Home'] })
    expect(added.group).toEqual(['Home'])
    const edited = await value<ItemSummary>(API.items.update, v.id, added.id, added.revision, {
      ...note,
      title: 'Wi-Fi',
    })
    expect(edited.group).toEqual(['Home'])
    const moved = await value<ItemSummary>(API.items.update, v.id, added.id, edited.revision, {
      ...note,
      group: [],
    })
    expect(moved.group).toEqual([])
    // The group it left stays, as one made in the sidebar would.
    expect(shape(await value<VaultGroups>(API.groups.tree, v.id))).toEqual(['Home: 0'])
  })
})
