// Run as its own process by the search-index crash test: unlocks a vault and writes to it without
// pause (add, rename, trash, restore, purge) until the test kills it with SIGKILL.
import { openVault } from '../../../../src-main/core/vault/vault-file.ts'

const [path, password] = process.argv.slice(2) as [string, string]
const vault = await openVault(path).unlock({ kind: 'password', password }, { recordUse: false })
const ids = vault.list({ includeTrash: true }).items.map((r) => r.id)
process.stdout.write('ready\n')
const note = (title: string) => ({ type: 'note' as const, title, body: 'body', tags: [] })
for (let i = 0; ; i++) {
  const id = ids[i % ids.length]!
  switch (i % 5) {
    case 0:
      ids.push(vault.add(note(`added ${i}`)).id)
      break
    case 1:
      vault.update(id, note(`renamed ${i}`))
      break
    case 2:
      vault.trash(id)
      break
    case 3:
      vault.restore(id)
      break
    case 4:
      vault.purge(ids.splice(i % ids.length, 1)[0]!)
      break
  }
}
