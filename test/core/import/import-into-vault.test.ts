import { randomUUID } from 'node:crypto'
// The import against a real vault file on disk: planned from real screenshots and a URI file,
// written in one transaction, read back after reopening.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { isCairnError } from '../../../src-main/core/errors.ts'
import {
  applyImport,
  planImport,
  vaultItems,
  vaultOtpKeys,
} from '../../../src-main/core/import/import-plan.ts'
import type { ImportPlan } from '../../../src-main/core/import/import-plan.ts'
import { parseOtpauthUri } from '../../../src-main/core/otp/otpauth-uri.ts'
import type { UnlockedVaultFile } from '../../../src-main/core/vault/unlocked-vault-file.ts'
import { openVault } from '../../../src-main/core/vault/vault-file.ts'
import { migrationUri } from '../migration/fixtures/migration-encoder.ts'
import { errorOf } from '../qr/fixtures/image-bytes.ts'
import { HOTP_CAROL, TOTP_ALICE, TOTP_BOB, WEB_ADDRESS } from '../qr/fixtures/screens.ts'
import { SyntheticScreen } from '../qr/fixtures/synthetic-screen.ts'
import { PASSWORD, newVault, otp, tempDir } from '../vault/vault-fixtures.ts'
import { readAs } from './import-helpers.ts'

function screenshot(...codes: string[]): Uint8Array {
  const screen = new SyntheticScreen(1600, 900, 21).desktop('light', 3)
  codes.forEach((code, i) => screen.qr(code, 120 + i * 500, 250, { modulePx: 4 }))
  return screen.toPng()
}

const otpTitles = (vault: UnlockedVaultFile) =>
  vaultOtpKeys(vault.list())
    .map((k) => `${k.issuer}/${k.account}`)
    .sort()

describe('importing into a vault file', () => {
  let tmp: ReturnType<typeof tempDir>
  let vault: UnlockedVaultFile
  let path: string

  beforeEach(async () => {
    tmp = tempDir()
    path = tmp.file('keys.cairn')
    vault = await newVault(path)
    vault.add({ ...parseOtpauthUri(TOTP_BOB), type: 'otp', title: '', notes: '', tags: [] })
  })

  afterEach(() => {
    vault.lock()
    tmp.cleanup()
  })

  it('adds the new keys from screenshots and a URI file and skips the one it has', async () => {
    const exportUri = migrationUri({
      accounts: [
        {
          secret: Uint8Array.from({ length: 10 }, (_, i) => i + 1),
          name: 'GitHub:octo',
          issuer: 'GitHub',
        },
        {
          secret: Uint8Array.from({ length: 10 }, (_, i) => 90 - i),
          name: 'dan',
          issuer: 'Shop',
          type: 1,
          counter: 3n,
        },
      ],
    })
    const sources = [
      await readAs('shot.png', screenshot(TOTP_ALICE, WEB_ADDRESS)),
      await readAs('keys.txt', `${TOTP_BOB}\n${HOTP_CAROL}\n`),
      await readAs('export.png', screenshot(exportUri)),
    ]
    const plan = planImport(sources, vaultItems(vault.list()))
    expect(plan.skipped.map((s) => `${s.from}: ${s.reason}`)).toEqual([
      'keys.txt, line 1: already in the vault',
    ])
    const written = applyImport(vault, plan)
    expect(written).toHaveLength(4)

    vault.lock()
    vault = (await openVault(path).unlock({
      kind: 'password',
      password: PASSWORD,
    })) as UnlockedVaultFile
    expect(otpTitles(vault)).toEqual([
      'Bank/carol',
      'Example/alice@example.com',
      'GitHub/bob',
      'GitHub/octo',
      'Shop/dan',
    ])
    const dan = vaultOtpKeys(vault.list()).find((k) => k.account === 'dan')
    expect(dan).toMatchObject({ kind: 'hotp', counter: 3 })

    // Importing the same inputs again adds nothing.
    const again = planImport(sources, vaultItems(vault.list()))
    expect(again.add).toEqual([])
    expect(again.skipped).toHaveLength(5)
  })

  it('writes nothing when one input has a problem', async () => {
    const before = vault.list().items.length
    const plan = planImport(
      [
        await readAs('shot.png', screenshot(TOTP_ALICE)),
        await readAs('keys.txt', `${HOTP_CAROL}\nnot a uri\n`),
      ],
      vaultItems(vault.list()),
    )
    expect(
      isCairnError(
        errorOf(() => applyImport(vault, plan)),
        'INVALID_ARGUMENT',
      ),
    ).toBe(true)
    expect(vault.list().items).toHaveLength(before)
  })

  it('writes nothing when the vault refuses one of the records', () => {
    const before = vault.list().items.length
    const good = parseOtpauthUri(TOTP_ALICE)
    const plan: ImportPlan = {
      groups: [],
      add: [
        {
          id: randomUUID(),
          data: { ...good, type: 'otp', title: '', notes: '', tags: [] },
          from: 'a',
          to: 'vault',
        },
        { id: randomUUID(), data: otp({ digits: 11 }), from: 'b', to: 'vault' },
      ],
      skipped: [],
      problems: [],
      notes: [],
      keysBesideLogins: 0,
    }
    expect(() => applyImport(vault, plan)).toThrow()
    expect(vault.list().items).toHaveLength(before)
  })
})
