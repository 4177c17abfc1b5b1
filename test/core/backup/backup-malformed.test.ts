// Backups that decrypt and authenticate (written with the vault's real keys) but whose contents no
// vault could have produced: ids that are not canonical UUIDs, and every kind of duplicate. Each is
// refused as MALFORMED_BACKUP, naming what is wrong, and the restore writes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeBackup, type BackupSource } from '../../../src-main/core/backup/backup-writer.ts'
import { restoreBackup } from '../../../src-main/core/backup/restore.ts'
import { isCairnError } from '../../../src-main/core/errors.ts'
import type { SlotRow } from '../../../src-main/core/vault/key-slots.ts'
import type {
  UnlockedVaultFile,
  VaultState,
} from '../../../src-main/core/vault/unlocked-vault-file.ts'
import { tempDir } from '../vault/vault-fixtures.ts'
import { FAST_KDF, listing, password, populatedVault } from './backup-fixtures.ts'

let tmp: ReturnType<typeof tempDir>
let vault: UnlockedVaultFile
let n = 0

beforeAll(async () => {
  tmp = tempDir()
  vault = await populatedVault(tmp.file('v.cairn'))
})
afterAll(() => {
  vault.lock()
  tmp.cleanup()
})

/** The real vault as a backup source, with its state or slots bent by `bend`. */
function bent(bend: {
  state?: (s: VaultState) => VaultState
  slots?: (s: SlotRow[]) => SlotRow[]
}) {
  const source: BackupSource = {
    header: vault.header,
    state: () => (bend.state ?? ((s) => s))(vault.state()),
    slotRows: (kinds) => (bend.slots ?? ((s) => s))(vault.slotRows(kinds)),
    deriveSubkey: (info, salt) => vault.deriveSubkey(info, salt),
  }
  return source
}

async function refusal(source: BackupSource): Promise<Error> {
  const backup = tmp.file(`b${++n}.cairnbackup`)
  await writeBackup(source, backup, { protection: { kind: 'vault-slots' } })
  const before = listing(tmp.dir)
  try {
    await restoreBackup(backup, tmp.file(`restored${n}.cairn`), password, {
      newPassword: 'new',
      unsafeKdfParamsForTests: FAST_KDF,
    })
  } catch (e) {
    expect(listing(tmp.dir)).toEqual(before)
    expect(isCairnError(e, 'MALFORMED_BACKUP'), String(e)).toBe(true)
    return e as Error
  }
  throw new Error('the malformed backup was restored')
}

const withItemId = (id: (old: string) => string) => (s: VaultState) => ({
  ...s,
  items: s.items.map((v, i) =>
    i === 0 ? { ...v, record: { ...v.record, id: id(v.record.id) } } : v,
  ),
})

describe('an authentic backup with malformed contents', () => {
  it('an item id that is not a UUID', async () => {
    const e = await refusal(bent({ state: withItemId(() => 'not-a-uuid') }))
    expect(e.message).toMatch(/item 1 is malformed/)
  })

  it('an item id in upper case (not the canonical form)', async () => {
    const e = await refusal(bent({ state: withItemId((id) => id.toUpperCase()) }))
    expect(e.message).toMatch(/item 1 is malformed/)
  })

  it('an item listed twice', async () => {
    const e = await refusal(bent({ state: (s) => ({ ...s, items: [...s.items, s.items[0]!] }) }))
    expect(e.message).toMatch(/lists item .* twice/)
  })

  it('a tombstone listed twice', async () => {
    const e = await refusal(
      bent({ state: (s) => ({ ...s, tombstones: [...s.tombstones, s.tombstones[0]!] }) }),
    )
    expect(e.message).toMatch(/deletion of .* twice/)
  })

  it('an id both an item and a tombstone', async () => {
    const e = await refusal(
      bent({
        state: (s) => ({
          ...s,
          tombstones: [...s.tombstones, { ...s.tombstones[0]!, id: s.items[0]!.record.id }],
        }),
      }),
    )
    expect(e.message).toMatch(/both as an item and as deleted/)
  })

  it('a tombstone id that is not a UUID', async () => {
    const e = await refusal(
      bent({ state: (s) => ({ ...s, tombstones: [{ ...s.tombstones[0]!, id: 'x' }] }) }),
    )
    expect(e.message).toMatch(/tombstone 1 is malformed/)
  })

  it('a version listed twice in one lineage', async () => {
    const e = await refusal(
      bent({
        state: (s) => ({
          ...s,
          items: s.items.map((v, i) =>
            i === 0 ? { ...v, lineage: [...v.lineage, v.lineage[0]!] } : v,
          ),
        }),
      }),
    )
    expect(e.message).toMatch(/malformed lineage/)
  })

  it('a key slot listed twice', async () => {
    const e = await refusal(bent({ slots: (s) => [...s, s[0]!] }))
    expect(e.message).toMatch(/key slot is listed twice/)
  })
})
