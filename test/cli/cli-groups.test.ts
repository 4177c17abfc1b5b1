// Groups from the terminal: --group on the add commands, `list --group`, and `edit --set group=`,
// on real vault files through the real `cairn` process.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openVault } from '../../src-main/core/vault/vault-file.ts'
import { vaultGroupTree } from '../../src-main/core/vault/vault-groups.ts'
import { flattenGroupTree } from '../../src-shared/group-path.ts'
import { cairnWithPassword, PASSWORD, seedVault, workspace, type Workspace } from './cli-harness.ts'
import { login, note } from './cli-items-fixtures.ts'

let ws: Workspace
beforeEach(() => {
  ws = workspace()
})
afterEach(() => ws.cleanup())

async function groupsIn(path: string) {
  const vault = await openVault(path).unlock({ kind: 'password', password: PASSWORD })
  try {
    return {
      tree: flattenGroupTree(vaultGroupTree(vault)).map(({ node }) => node.path.join('/')),
      items: Object.fromEntries(
        vault.list().items.map((r) => [r.data.title, (r.data.group ?? []).join('/')]),
      ),
    }
  } finally {
    vault.lock()
  }
}

describe('cairn and groups', () => {
  it('adds into a group, lists a group, and moves an item with edit', async () => {
    const vault = ws.file('v.cairn')
    await seedVault(vault, [login({ title: 'Bank' }), note({ title: 'Wifi', group: ['Home'] })])
    const added = cairnWithPassword(
      ['add-note', vault, '--title', 'Server notes', '--group', ' Work / Servers '],
      { input: 'ssh in as root\n' },
    )
    expect(added.stderr).toBe('')
    expect(added.status).toBe(0)
    const loginAdded = cairnWithPassword([
      'add-login',
      vault,
      '--title',
      'Router',
      '--group',
      'Work/Servers',
    ])
    expect(loginAdded.status).toBe(0)

    const listed = cairnWithPassword(['list', vault, '--group', 'Work'])
    expect(listed.stdout).toMatch(/Router.*\[Work\/Servers\]\n.*Server notes.*\[Work\/Servers\]\n$/)
    expect(listed.stdout).not.toMatch(/Bank|Wifi/)
    const top = cairnWithPassword(['list', vault, '--group', '/', '--json'])
    expect(JSON.parse(top.stdout).map((i: { title: string }) => i.title)).toEqual(['Bank'])
    const json = cairnWithPassword(['list', vault, '--group', 'Home', '--json'])
    expect(JSON.parse(json.stdout)).toMatchObject([{ title: 'Wifi', group: ['Home'] }])

    const moved = cairnWithPassword(['edit', vault, 'Bank', '--set', 'group=Money/Bank'])
    expect(moved.status).toBe(0)
    const shown = cairnWithPassword(['show', vault, 'Bank'])
    expect(shown.stdout).toMatch(/^Group: +Money\/Bank$/m)
    expect(JSON.parse(cairnWithPassword(['show', vault, 'Bank', '--json']).stdout)).toMatchObject({
      data: { group: ['Money', 'Bank'] },
    })
    const back = cairnWithPassword(['edit', vault, 'Wifi', '--set', 'group='])
    expect(back.status).toBe(0)
    expect(await groupsIn(vault)).toEqual({
      // Home stays: the item left it, but a group keeps until it is deleted.
      tree: ['Home', 'Money', 'Money/Bank', 'Work', 'Work/Servers'],
      items: {
        Bank: 'Money/Bank',
        Wifi: '',
        'Server notes': 'Work/Servers',
        Router: 'Work/Servers',
      },
    })
  })

  it('refuses a group name a vault cannot hold, before asking for anything', async () => {
    const vault = ws.file('v.cairn')
    await seedVault(vault)
    const bad = cairnWithPassword([
      'add-login',
      vault,
      '--title',
      'X',
      '--group',
      `a/${'n'.repeat(200)}`,
    ])
    expect(bad.status).not.toBe(0)
    expect(bad.stderr).toMatch(/--group: A group name can be at most 120 characters long/)
  })
})
