// The status bar's words for a vault's sync state: what needs the person comes first.
import { describe, expect, it } from 'vitest'
import type { SyncStatus } from '../../src-shared/ipc-contract.ts'
import { agoText, syncIndicator } from '../../src-renderer/src/sync/sync-words.ts'

const NOW = Date.UTC(2026, 0, 10, 12, 0, 0)
const linked: SyncStatus = {
  link: {
    folder: '/s',
    deviceId: '0123456789abcdef',
    lastSyncedAt: NOW - 30_000,
    folderMissing: false,
  },
  devices: [],
  conflicts: [],
  error: null,
  needsNewPassword: false,
}

describe('sync words', () => {
  it('says how long ago, in steps a person reads at a glance', () => {
    expect(agoText(NOW - 59_000, NOW)).toBe('just now')
    expect(agoText(NOW + 5_000, NOW)).toBe('just now') // a clock a little ahead
    expect(agoText(NOW - 2 * 60_000, NOW)).toBe('2 min ago')
    expect(agoText(NOW - 3 * 3_600_000, NOW)).toBe('3 h ago')
    expect(agoText(NOW - 2 * 86_400_000, NOW)).not.toMatch(/ago/)
  })

  it('puts an error before a new password, a new password before conflicts', () => {
    expect(syncIndicator({ ...linked, link: null }, NOW)).toBeNull()
    expect(syncIndicator(linked, NOW)).toEqual({ text: 'Synced just now', tone: 'ok' })
    expect(
      syncIndicator({ ...linked, link: { ...linked.link!, lastSyncedAt: null } }, NOW),
    ).toEqual({ text: 'Not synced yet', tone: 'ok' })
    const two = [
      { itemId: 'a', title: 'A (conflict copy)' },
      { itemId: 'b', title: 'B (conflict copy)' },
    ]
    expect(syncIndicator({ ...linked, conflicts: two.slice(0, 1) }, NOW)?.text).toBe(
      'Sync conflict: 1 item',
    )
    expect(syncIndicator({ ...linked, conflicts: two }, NOW)).toEqual({
      text: 'Sync conflict: 2 items',
      tone: 'attention',
    })
    expect(syncIndicator({ ...linked, conflicts: two, needsNewPassword: true }, NOW)?.text).toBe(
      'Sync: new master password needed',
    )
    expect(
      syncIndicator({ ...linked, conflicts: two, needsNewPassword: true, error: 'gone' }, NOW),
    ).toEqual({ text: 'Sync error', tone: 'error' })
  })
})
