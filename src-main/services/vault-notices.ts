// What the vault core says about an unlocked session (an upgrade, a refused slot row, a one-time
// code used elsewhere, a slot below the floor), each with the step that answers it, so the window
// can offer that step next to the sentence.
import type { VaultNotice } from '../../src-shared/ipc-contract.ts'

// Matched on how each sentence of the core begins: the rest may quote text from the vault file
// (slot ids are shown only when they are canonical UUIDs, but a file's words never pick an action).
const ACTIONS: { pattern: RegExp; action: VaultNotice['action'] }[] = [
  {
    pattern: /^(A one-time code was used (on|since)|\d+ one-time codes were used since) /,
    action: 'rotate-key',
  },
  {
    pattern:
      /^This vault was unlocked through a [a-z -]+ slot whose Argon2id parameters are below /,
    action: 'change-password',
  },
  // Accepting the current contents drops slot rows the authenticated slot set refuses.
  {
    pattern:
      /^([a-z -]+ slot ([0-9a-f-]{36}|\(with an invalid id\)) |The vault's slot set is missing)/,
    action: 'accept-current',
  },
]

export function vaultNotices(texts: readonly string[]): VaultNotice[] {
  return texts.map((text) => ({
    text: text.charAt(0).toUpperCase() + text.slice(1),
    action: ACTIONS.find((a) => a.pattern.test(text))?.action ?? null,
  }))
}
