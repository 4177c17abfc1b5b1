// What the vault core says about an unlocked session (an upgrade, a refused slot row, a one-time
// code used elsewhere, a slot below the floor), each with the step that answers it, so the window
// can offer that step next to the sentence.
import type { VaultNotice } from '../../src-shared/ipc-contract.ts'

const ACTIONS: { pattern: RegExp; action: VaultNotice['action'] }[] = [
  { pattern: /rotate the vault key/i, action: 'rotate-key' },
  { pattern: /change the master password to re-tune/i, action: 'change-password' },
  // Accepting the current contents drops slot rows the authenticated slot set refuses.
  { pattern: /slot .* (is ignored|was refused)/i, action: 'accept-current' },
]

export function vaultNotices(texts: readonly string[]): VaultNotice[] {
  return texts.map((text) => ({
    text: text.charAt(0).toUpperCase() + text.slice(1),
    action: ACTIONS.find((a) => a.pattern.test(text))?.action ?? null,
  }))
}
