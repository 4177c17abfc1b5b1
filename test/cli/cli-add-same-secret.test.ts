// `cairn add` with a secret the vault already holds under another name: the key is added (it may
// be wanted, e.g. a renamed account) and the command warns, naming the key that has the secret.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { cairnWithPassword, seedVault, workspace, type Workspace } from './cli-harness.ts'

let ws: Workspace
beforeEach(() => {
  ws = workspace()
})
afterEach(() => ws.cleanup())

describe('cairn add, same secret under another name', () => {
  it('adds the key and names the one that already holds its secret', async () => {
    const path = ws.file('v.cairn')
    await seedVault(path)
    const first = cairnWithPassword(['add', path, '-'], {
      input: 'otpauth://totp/GitHub:ada?secret=JBSWY3DPEHPK3PXP&issuer=GitHub\n',
    })
    expect(first.stderr).toBe('')
    const second = cairnWithPassword(['add', path, '-'], {
      input: 'otpauth://totp/Work%20code:ada?secret=jbswy3dpehpk3pxp\n',
    })
    expect(second.status).toBe(0)
    expect(second.stdout).toMatch(/^Added 2FA key Work code \(ada\)/)
    expect(second.stderr).toMatch(
      /^cairn: warning: GitHub \(ada\) \[[0-9a-f]{8}\] holds the same secret: the key is now saved twice\n$/,
    )
    expect(second.stderr).not.toMatch(/JBSWY3DPEHPK3PXP/i)
    const other = cairnWithPassword(['add', path, '-'], {
      input: 'otpauth://totp/Shop:ada?secret=GEZDGNBVGY3TQOJQ\n',
    })
    expect(other.stderr).toBe('')
  })
})
