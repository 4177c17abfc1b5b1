// Where new vault files go, and the native file dialogs where the host has them.
import { existsSync } from 'node:fs'
import { join } from 'node:path'

export const VAULT_EXTENSION = '.cairn'

/** Native open/save dialogs (Electron's, from the shell glue); the browser harness has none. */
export interface FileDialogPort {
  chooseVaultToOpen(): Promise<string | null>
  chooseNewVaultPath(suggestedPath: string): Promise<string | null>
  /** A backup or another copy of a vault, to restore or merge (vault settings). */
  chooseFileToRead?(): Promise<string | null>
  /** Where to write a backup or an unencrypted export. */
  chooseSavePath?(purpose: 'backup' | 'export', suggestedPath: string): Promise<string | null>
  /** A folder for automatic backups. */
  chooseFolder?(suggestedPath: string): Promise<string | null>
}

/** A file name from a vault name: letters, digits, spaces, dots, dashes and underscores only. */
export function vaultFileName(name: string): string {
  const base = name
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N} ._-]+/gu, '')
    .replace(/\s+/g, ' ')
    .replace(/^[ .]+|[ .]+$/g, '')
    .slice(0, 80)
  return `${base || 'Vault'}${VAULT_EXTENSION}`
}

/** A path in `dir` for a vault named `name` that no file uses yet ("Name 2.cairn", ...). */
export function suggestVaultPath(dir: string, name: string): string {
  const file = vaultFileName(name)
  const stem = file.slice(0, -VAULT_EXTENSION.length)
  let candidate = join(dir, file)
  for (let n = 2; existsSync(candidate); n++) {
    candidate = join(dir, `${stem} ${n}${VAULT_EXTENSION}`)
  }
  return candidate
}
