// A child process for the checkpoint fault tests: it adds `count` notes to the vault at argv[2]
// while a reader holds the log open (so the -wal grows instead of being copied back), prints
// "added N" once every add is acknowledged, then prints "checkpointing" and locks the vault,
// whose checkpoint copies the whole log into the main file. The parent kills it in between.
import Database from 'better-sqlite3'
import { openVault } from '../../../../src-main/core/vault/vault-file.ts'

const [path, password, countText, noteBytesText] = process.argv.slice(2)
const count = Number(countText)
const noteBytes = Number(noteBytesText)

const vault = await openVault(path!).unlock({ kind: 'password', password: password! })
const reader = new Database(path!, { readonly: true })
reader.exec('BEGIN')
reader.prepare('SELECT count(*) FROM items').get()
for (let i = 0; i < count; i++) {
  vault.add({
    type: 'note',
    title: `note ${i}`,
    body: `${i}:`.padEnd(noteBytes, 'x'),
    tags: [],
  })
}
reader.exec('COMMIT')
reader.close()
process.stdout.write(`added ${count}\n`)
process.stdout.write('checkpointing\n')
vault.lock()
process.stdout.write('locked\n')
