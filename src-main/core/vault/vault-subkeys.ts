// The vault key itself encrypts nothing: each purpose gets its own key, derived with HKDF-SHA256
// (docs/vault-format.md 5.1), so a flaw in one use can never expose another. Version-1 files used
// the vault key directly for rows and manifest; they are read that way only to be upgraded.
import { hkdfSync, type KeyObject } from 'node:crypto'
import { aesKey } from '../crypto/aes-gcm.ts'
import { wipe } from '../crypto/wipe.ts'
import { FORMAT_VERSION_1, VAULT_KEY_BYTES } from './vault-format.ts'

export const ROWS_KEY_INFO = 'cairn.v2.rows'
export const STATE_KEY_INFO = 'cairn.v2.state'
export const SEARCH_KEY_INFO = 'cairn.v3.search'

export interface VaultSubkeys {
  /** Items and tombstones. */
  rows: KeyObject
  /** The manifest and the slot set: what says which rows and slots the vault should have. */
  state: KeyObject
  /** The search index (format 3). */
  search: KeyObject
}

function subkey(vaultKey: Uint8Array, info: string): KeyObject {
  const raw = Buffer.from(hkdfSync('sha256', vaultKey, Buffer.alloc(0), info, VAULT_KEY_BYTES))
  try {
    return aesKey(raw)
  } finally {
    wipe(raw)
  }
}

export function vaultSubkeys(vaultKey: Uint8Array, formatVersion: number): VaultSubkeys {
  if (formatVersion === FORMAT_VERSION_1) {
    const key = aesKey(vaultKey)
    return { rows: key, state: key, search: key }
  }
  return {
    rows: subkey(vaultKey, ROWS_KEY_INFO),
    state: subkey(vaultKey, STATE_KEY_INFO),
    search: subkey(vaultKey, SEARCH_KEY_INFO),
  }
}
