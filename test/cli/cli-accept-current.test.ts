// `cairn accept-current`: after the vault manifest was deleted (with an older row put back), the
// vault is damaged and takes no writes; accepting its current contents reseals it.
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PASSWORD, cairnRaw, cairnWithPassword, seedVault, workspace } from './cli-harness.ts'
import { note } from './cli-items-fixtures.ts'

const ws = workspace()
const vault = ws.file('accept.cairn')
beforeAll(async () => {
  await seedVault(vault, [note({ title: 'Door code' })])
  const db = new Database(vault)
  db.prepare('DELETE FROM manifest').run()
  db.close()
})
afterAll(() => ws.cleanup())

const URI = 'otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP&issuer=Example'

describe('cairn accept-current', () => {
  it('writes are refused until the current contents are accepted; then they work again', () => {
    const refused = cairnWithPassword(['add', vault, URI])
    expect(refused.status).toBe(1)
    expect(refused.stderr).toMatch(/manifest or slot set is missing.*accept-current/)

    const accepted = cairnWithPassword(['accept-current', vault])
    expect(accepted.stderr).not.toMatch(/Still damaged/)
    expect(accepted.status).toBe(0)
    expect(accepted.stdout).toMatch(/Accepted the current contents: 1 report\(s\) cleared/)

    expect(cairnWithPassword(['add', vault, URI]).status).toBe(0)
    const listed = cairnWithPassword(['list', vault, '--json'])
    expect(listed.status).toBe(0)
    expect(JSON.parse(listed.stdout)).toHaveLength(2)
  })

  it('an unlock through a slot below the RFC 9106 floor prints a note on stderr', () => {
    const result = cairnRaw(['list', vault], { env: { CAIRN_PASSWORD: PASSWORD } })
    expect(result.status).toBe(0)
    expect(result.stderr).toMatch(/^Note: .*below the RFC 9106 floor.*change the master password/m)
  })
})
