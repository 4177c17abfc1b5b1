// What the frame says after a copy and how long it says it: the next-code rule in main's words,
// the clearing time, and a toast with Undo kept up long enough to press it.
import { describe, expect, it } from 'vitest'
import type { ItemSummary, VaultInfo } from '../../../src-shared/ipc-contract.ts'
import type { SessionId } from '../../../src-shared/ids.ts'
import { copiedSentence } from '../../../src-renderer/src/hooks/useClipboard.ts'
import { otherVaultNameOf } from '../../../src-renderer/src/hooks/useItemBrowser.ts'
import { toastDuration } from '../../../src-renderer/src/hooks/useToast.ts'

describe('copiedSentence', () => {
  const now = 1_000_000
  it('names what was copied and when the clipboard clears', () => {
    expect(copiedSentence('Password', { code: null, clearsAt: now + 30_000 } as never, now)).toBe(
      'Password copied. The clipboard clears in 30 s.',
    )
    expect(copiedSentence('Username', { code: null, clearsAt: null } as never, now)).toBe(
      'Username copied.',
    )
  })
  it('says when the next code was copied, preferring main’s own note', () => {
    expect(copiedSentence('Code', { code: 'next', clearsAt: null } as never, now)).toMatch(
      /^Next code copied/,
    )
    expect(
      copiedSentence(
        'Code',
        { code: 'next', note: 'Main says so.', clearsAt: now + 400 } as never,
        now,
      ),
    ).toBe('Main says so. The clipboard clears in 1 s.')
  })
})

describe('toastDuration', () => {
  it('keeps errors longer than notes, and a toast with a button longest', () => {
    const info = toastDuration({ kind: 'info' })
    const error = toastDuration({ kind: 'error' })
    const undo = toastDuration({ kind: 'info', action: { label: 'Undo', run: () => {} } })
    expect(info).toBeLessThan(error)
    expect(error).toBeLessThan(undo)
    expect(undo).toBeGreaterThanOrEqual(10_000)
  })
})

describe('otherVaultNameOf', () => {
  it('names the vault of a search result only when it is not the selected one', () => {
    const vaults = [
      { id: 'p' as SessionId, name: 'Passwords' },
      { id: 'k' as SessionId, name: '2FA keys' },
    ] as VaultInfo[]
    const name = otherVaultNameOf(vaults, 'p' as SessionId)
    expect(name({ vaultId: 'p' } as ItemSummary)).toBeNull()
    expect(name({ vaultId: 'k' } as ItemSummary)).toBe('2FA keys')
  })
})
