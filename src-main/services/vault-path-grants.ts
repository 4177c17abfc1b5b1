// Which vault files the renderer may open or create. The renderer names files by path, so a
// compromised renderer could otherwise probe the disk (a missing file and a non-vault file fail
// differently), open any SQLite file read-write, or write a vault anywhere writable. Main keeps the
// paths it handed out itself, from its file dialogs and its suggestions, and trusts the files it
// already knows (recent and open vaults); everything else is refused.
import { basename, extname, resolve } from 'node:path'
import { CairnError } from '../core/errors.ts'
import { VAULT_EXTENSION } from './vault-paths.ts'

export interface VaultPathGrantsOptions {
  /** Files the app already knows: the recent list and the open vaults. */
  knownPaths: () => Iterable<string>
  /**
   * Development hosts without native file dialogs only (the browser harness): a path typed into
   * the app's open or new-vault dialog counts as the user's file-dialog choice. Electron's main
   * never sets this.
   */
  typedPathsAreChoices?: boolean
}

function refuse(message: string): never {
  throw new CairnError('INVALID_ARGUMENT', message)
}

/** `path` ending in .cairn (a name chosen in a save dialog may come without it). */
export function withVaultExtension(path: string): string {
  return extname(path).toLowerCase() === VAULT_EXTENSION ? path : `${path}${VAULT_EXTENSION}`
}

export class VaultPathGrants {
  #toOpen = new Set<string>()
  #toCreate = new Set<string>()
  // Vault settings: files to read (a backup, another copy), new files to write (a
  // backup, an export) and folders (automatic backups), each chosen in main's dialogs or suggested.
  #toRead = new Set<string>()
  #toWrite = new Set<string>()
  /** Of those, the ones the user typed or picked in main's save dialog (not suggestions). */
  #writeInDialog = new Set<string>()
  #folders = new Set<string>()
  #options: VaultPathGrantsOptions

  constructor(options: VaultPathGrantsOptions) {
    this.#options = options
  }

  /** The user picked this file in main's open dialog. */
  chosenToOpen(path: string): string {
    this.#toOpen.add(resolve(path))
    return path
  }

  /** The user picked this place in main's save dialog (or main suggested it); with .cairn. */
  chosenToCreate(path: string): string {
    const file = withVaultExtension(path)
    this.#toCreate.add(resolve(file))
    return file
  }

  /** The user picked this file to read (a backup or another copy) in main's open dialog. */
  chosenToRead(path: string): string {
    this.#toRead.add(resolve(path))
    return path
  }

  /** The user picked (`inDialog`) or main suggested this new file for a backup or an export. */
  chosenToWrite(path: string, { inDialog = false }: { inDialog?: boolean } = {}): string {
    this.#toWrite.add(resolve(path))
    if (inDialog) this.#writeInDialog.add(resolve(path))
    return path
  }

  /** The user picked (or main suggested) this folder for automatic backups or sync. */
  chosenFolder(path: string): string {
    this.#folders.add(resolve(path))
    return path
  }

  /** A file the renderer may have read: chosen, a known vault file, or one it may open. */
  toRead(path: string): string {
    const full = resolve(path)
    if (this.#options.typedPathsAreChoices || this.#toRead.has(full) || this.#toOpen.has(full)) {
      return full
    }
    for (const known of this.#options.knownPaths()) if (resolve(known) === full) return full
    refuse('Choose the file with Browse…: Cairn reads only files chosen there and known vaults.')
  }

  /** A new file the renderer may have written (a backup, an export). */
  toWrite(path: string): string {
    const full = resolve(path)
    if (this.#options.typedPathsAreChoices || this.#toWrite.has(full)) return full
    refuse('Choose where to save with Browse…: Cairn writes only where chosen there or suggested.')
  }

  /**
   * A new file for an unencrypted export: only one the person chose in main's save dialog, never a
   * suggestion the renderer could pass on without asking them.
   */
  toWriteUnencrypted(path: string): string {
    const full = resolve(path)
    if (this.#options.typedPathsAreChoices || this.#writeInDialog.has(full)) return full
    refuse('Choose where to save the unencrypted file with Browse…: it is never saved elsewhere.')
  }

  /** A folder the renderer may have backups or sync files written to (`current`: already set). */
  toFolder(path: string, current: string | null = null): string {
    const full = resolve(path)
    if (
      this.#options.typedPathsAreChoices ||
      this.#folders.has(full) ||
      (current !== null && resolve(current) === full)
    ) {
      return full
    }
    refuse('Choose the folder with Browse…: Cairn writes only to folders chosen there.')
  }

  /** The absolute path to open, if the renderer may open it; INVALID_ARGUMENT otherwise. */
  toOpen(path: string): string {
    const full = resolve(path)
    if (this.#options.typedPathsAreChoices || this.#toOpen.has(full)) return full
    for (const known of this.#options.knownPaths()) if (resolve(known) === full) return full
    refuse(
      'Choose the vault file with Browse…: Cairn opens only files chosen there, recent vaults ' +
        'and open ones.',
    )
  }

  /** The absolute path to create, if the renderer may create it; INVALID_ARGUMENT otherwise. */
  toCreate(path: string): string {
    const full = resolve(path)
    if (extname(full).toLowerCase() !== VAULT_EXTENSION || basename(full) === VAULT_EXTENSION) {
      refuse(`A vault file's name must end in ${VAULT_EXTENSION}.`)
    }
    if (this.#options.typedPathsAreChoices || this.#toCreate.has(full)) return full
    refuse(
      'Choose where to save the vault with Browse…: Cairn creates vault files only there or ' +
        'where it suggests.',
    )
  }
}
