// `cairn health` on real vault files: the passwords vault and the separate 2FA vault checked
// together, --backup listing what changed after a real backup, JSON, and no secret in the output.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openVault } from '../../src-main/core/vault/vault-file.ts'
import type { UnlockedVaultFile } from '../../src-main/core/vault/unlocked-vault-file.ts'
import {
  PASSWORD,
  cairnWithPassword,
  seedVault,
  workspace,
  writeText,
  type Workspace,
} from './cli-harness.ts'
import { login, otpItem } from './cli-items-fixtures.ts'

let ws: Workspace
beforeEach(() => {
  ws = workspace()
})
afterEach(() => ws.cleanup())

const WEAK = 'password1'
const KEYS_PASSWORD = 'another password'

async function twoVaults() {
  const vault = ws.file('passwords.cairn')
  const keys = ws.file('keys.cairn')
  await seedVault(vault, [
    login({ title: 'Code host', password: WEAK, urls: ['https://github.com'], fields: [] }),
    login({ title: 'Mail', password: WEAK, urls: ['https://mail.example'], fields: [] }),
  ])
  await seedVault(keys, [otpItem({ issuer: 'GitHub', account: 'alice' })], KEYS_PASSWORD)
  const other = writeText(ws.file('other'), `${KEYS_PASSWORD}\n`)
  return { vault, keys, other }
}

describe('cairn health', () => {
  it('checks both vaults together and prints findings by reason, never a secret', async () => {
    const { vault, keys, other } = await twoVaults()
    const r = cairnWithPassword(['health', vault, keys, '--other-password-file', other])
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    const lines = r.stdout.trimEnd().split('\n')
    expect(lines[0]).toBe('Weak passwords (2)')
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^ {2}[0-9a-f]{8} {2}login {5}Code host in 'CLI test': Cairn holds a 2FA key for this site, “GitHub” in “CLI test”, but this login is not linked to it\.$/,
      ),
    )
    expect(lines).toContain('Reused passwords (2)')
    expect(lines).toContain('2FA keys without recovery codes (1)')
    expect(lines.at(-2)).toBe("6 findings in 3 items in 'CLI test' and 'CLI test'")
    expect(lines.at(-1)).toBe('(Give --backup FILE to list what no backup holds yet.)')
    expect(r.stdout).not.toContain(WEAK)
    expect(r.stdout).not.toContain('JBSWY3DPEHPK3PXP')
  })

  it('with --backup lists what changed after that backup, and refuses another vault’s backup', async () => {
    const { vault, keys, other } = await twoVaults()
    const backup = ws.file('passwords.cairnbackup')
    expect(cairnWithPassword(['backup', vault, backup]).status).toBe(0)
    await new Promise((r) => setTimeout(r, 5))
    const v = (await openVault(vault).unlock({
      kind: 'password',
      password: PASSWORD,
    })) as UnlockedVaultFile
    v.add(login({ title: 'Added later', password: 'Xq7#-unique-Lm2$-pass', urls: [] }))
    v.lock()

    const r = cairnWithPassword(['health', vault, '--backup', backup, '--json'])
    expect(r.stderr).toBe('')
    const json = JSON.parse(r.stdout) as {
      findings: { reason: string; title: string; detail: string; kind: string }[]
      checked: { items: number }
    }
    expect(json.findings.filter((f) => f.reason === 'not-backed-up')).toEqual([
      expect.objectContaining({
        title: 'Added later',
        kind: 'login',
        detail: 'Added after the last backup.',
      }),
    ])
    expect(json.checked.items).toBe(3)

    const wrong = cairnWithPassword(['health', keys, '--backup', backup, '--password-file', other])
    expect(wrong.status).toBe(1)
    expect(wrong.stderr).toMatch(/is a backup of another vault/)
  })
})
