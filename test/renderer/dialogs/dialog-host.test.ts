// Which dialog closes when its vault locks: one showing a locked vault's items or secrets closes
// (taking what it held along), one about no single vault stays.
import { describe, expect, it } from 'vitest'
import type { SessionId } from '../../../src-shared/ids.ts'
import {
  dialogAfterLock,
  dialogVault,
  type DialogState,
} from '../../../src-renderer/src/dialogs/DialogHost.tsx'

const a = 'vault-a' as SessionId
const b = 'vault-b' as SessionId

describe('dialogAfterLock', () => {
  const unlockedA = new Set([a])

  it('closes a dialog on a vault that is no longer unlocked', () => {
    const reveal: DialogState = { type: 'reveal-key', vaultId: b, itemId: 'x', title: 'X' }
    expect(dialogAfterLock(reveal, unlockedA)).toBeNull()
    const editor: DialogState = {
      type: 'editor',
      target: { mode: 'edit', vaultId: b, itemId: 'x' },
    }
    expect(dialogAfterLock(editor, unlockedA)).toBeNull()
    const issued: DialogState = {
      type: 'issued',
      vaultId: b,
      issued: { kind: 'recovery-key', secrets: ['x'] } as never,
    }
    expect(dialogAfterLock(issued, new Set())).toBeNull()
  })

  it('keeps a dialog on a vault that is still unlocked, and dialogs about no vault', () => {
    const settings: DialogState = { type: 'vault-settings', vaultId: a }
    expect(dialogAfterLock(settings, unlockedA)).toBe(settings)
    for (const d of [{ type: 'generator' }, { type: 'create-vault' }] as const) {
      expect(dialogVault(d)).toBeNull()
      expect(dialogAfterLock(d, new Set())).toBe(d)
    }
    expect(dialogAfterLock(null, unlockedA)).toBeNull()
  })
})
