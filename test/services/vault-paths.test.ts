import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { suggestVaultPath, vaultFileName } from '../../src-main/services/vault-paths.ts'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cairn-paths-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('vault paths', () => {
  it('makes a safe file name from a vault name', () => {
    expect(vaultFileName('2FA keys')).toBe('2FA keys.cairn')
    expect(vaultFileName('../../etc/passwd')).toBe('etcpasswd.cairn')
    expect(vaultFileName('  ')).toBe('Vault.cairn')
    expect(vaultFileName('Zoë’s vault')).toBe('Zoës vault.cairn')
  })

  it('suggests a path no file uses yet', () => {
    expect(suggestVaultPath(dir, 'Passwords')).toBe(join(dir, 'Passwords.cairn'))
    writeFileSync(join(dir, 'Passwords.cairn'), '')
    writeFileSync(join(dir, 'Passwords 2.cairn'), '')
    expect(suggestVaultPath(dir, 'Passwords')).toBe(join(dir, 'Passwords 3.cairn'))
  })
})
