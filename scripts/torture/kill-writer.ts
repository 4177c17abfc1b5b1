// The writer the kill campaign kills: it adds notes to the vault at argv[2] one at a time and
// prints "ack ID" once each add has returned (the write is acknowledged), until it is killed.
import { openVault } from '../../src-main/core/vault/vault-file.ts'

const [path, password] = process.argv.slice(2) as [string, string]
const vault = await openVault(path).unlock({ kind: 'password', password })
for (let i = 0; ; i++) {
  const { id } = vault.add({ type: 'note', title: `kill ${i}`, body: `${i}`.repeat(50), tags: [] })
  process.stdout.write(`ack ${id}\n`)
}
