// The 30-day backup reminder and the ledger of last backups that feeds it.
import { readFileSync, writeFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { BackupLedger, backupReminder } from '../../src-main/services/backup-reminder.ts'
import { tempDir } from '../core/vault/vault-fixtures.ts'

const DAY = 24 * 60 * 60 * 1000
let tmp: ReturnType<typeof tempDir>
beforeEach(() => (tmp = tempDir()))
afterEach(() => tmp.cleanup())

describe('backup reminder', () => {
  it('is due 30 days after the last backup, or after creation when there was none', () => {
    const t0 = Date.UTC(2025, 0, 1)
    expect(backupReminder({ lastBackupAt: t0, vaultCreatedAt: 0, now: t0 + 30 * DAY - 1 })).toEqual(
      {
        due: false,
        lastBackupAt: t0,
        days: 29,
      },
    )
    expect(backupReminder({ lastBackupAt: t0, vaultCreatedAt: 0, now: t0 + 30 * DAY }).due).toBe(
      true,
    )
    expect(backupReminder({ lastBackupAt: null, vaultCreatedAt: t0, now: t0 + 3 * DAY })).toEqual({
      due: false,
      lastBackupAt: null,
      days: 3,
    })
    expect(backupReminder({ lastBackupAt: null, vaultCreatedAt: t0, now: t0 + 31 * DAY }).due).toBe(
      true,
    )
  })

  it('the ledger keeps the latest time per vault across restarts and survives a damaged file', () => {
    const path = tmp.file('state/backups.json')
    const ledger = new BackupLedger(path)
    ledger.record('vault-a', 1000)
    ledger.record('vault-a', 500) // older: ignored
    ledger.record('vault-b', 2000)
    const again = new BackupLedger(path)
    expect(again.lastBackupAt('vault-a')).toBe(1000)
    expect(again.lastBackupAt('vault-b')).toBe(2000)
    expect(again.lastBackupAt('vault-c')).toBeNull()
    expect(again.reminder({ vaultId: 'vault-a', createdAt: 0 }, 1000 + 31 * DAY).due).toBe(true)
    expect(JSON.parse(readFileSync(path, 'utf8')).version).toBe(1)
    writeFileSync(path, '{ not json')
    expect(new BackupLedger(path).lastBackupAt('vault-a')).toBeNull()
  })
})
