// The one seam every import format goes through: a format is one module that exports an
// `Importer`, and one line in the registry. Detection asks every importer how sure it is that
// the bytes are its format (content first, the file name only as a tie-breaker); the caller can
// name the format instead. An importer reads the whole file into `ImportedEntry` values and
// writes nothing: planning and writing are the caller's, so a failed read writes nothing.
import type { BatchPart } from '../migration/migration-batches.ts'
import type { ItemData } from '../vault/item-types.ts'

/** How sure an importer is that some bytes are its format. 0 means "not mine". */
export type SniffConfidence = 0 | 1 | 2 | 3
export const SNIFF = {
  /** Not this format. */
  no: 0,
  /** Only the file name fits (an extension shared by many formats, such as .csv or .json). */
  name: 1,
  /** The content has this format's shape but no unique marker. */
  shape: 2,
  /** The content carries a marker only this format has (a magic number, a schema field). */
  certain: 3,
} as const satisfies Record<string, SniffConfidence>

/**
 * Asked at most once per encrypted file; the importer says why (`"Aegis vault password"`).
 * Resolves to null when the person declines, which the importer reports as a CairnError.
 */
export type AskSecret = (prompt: string) => Promise<string | null>

/** One entry of the source, in Cairn's own item model, with where it came from for messages. */
export interface ImportedEntry {
  /** "entry 4", "row 12", "group Work / GitHub": for messages, never carries a secret. */
  where: string
  data: ItemData
  /** Folder or group path in the source ("Work/Servers"): the item's group in Cairn. */
  folder?: string
  /** Said about this entry, not worth failing for ("secret shorter than 80 bits"). */
  notes?: string[]
  /** Names this entry within its file, so that another entry can point at it. */
  ref?: string
  /**
   * On a login: the `ref` of the 2FA key entry, read from the same source entry, whose live
   * code the login shows. The planner turns it into the login's `otpLink` once both are written.
   */
  otpRef?: string
}

/** An entry the importer found but could not turn into an item: the import fails on it. */
export interface ImportProblem {
  where: string
  /** A sentence a person can act on; never contains a secret. */
  reason: string
}

export interface ImportedFile {
  /** The importer's id, so messages can say what was found ("Aegis vault (encrypted)"). */
  format: string
  formatName: string
  entries: ImportedEntry[]
  problems: ImportProblem[]
  /** Said about the whole file ("fields the format has but Cairn keeps as notes: …"). */
  notes: string[]
  /**
   * Parts of Google Authenticator exports found in this file: an export too large for one QR
   * code spans several, possibly across files, and the plan says which are still missing.
   */
  migrationParts?: BatchPart[]
  /**
   * Every folder or group of the source by path ("Work/Servers"), empty ones included: they are
   * kept in Cairn too. Folders that entries name need not be listed.
   */
  groups?: string[]
  /** True when the file was encrypted: a plain one is worth deleting securely after import. */
  encrypted?: boolean
}

export interface Importer {
  /** Stable, lower case, used by `--from` ("aegis", "2fas", "kdbx", "bitwarden-csv"). */
  id: string
  /** For people: "Aegis (JSON, plain or encrypted)". */
  name: string
  /** One line: where in the other app the export is made, and what it carries. */
  help: string
  /** Cheap and total: never throws, reads at most what it needs. */
  sniff(bytes: Uint8Array, fileName: string): SniffConfidence
  /**
   * Reads the whole file. Throws only CairnError (MALFORMED_BACKUP for a damaged or foreign
   * file, WRONG_PASSWORD for a wrong export password, UNSUPPORTED for a version it cannot read).
   */
  read(bytes: Uint8Array, askSecret: AskSecret, options?: ImportReadOptions): Promise<ImportedFile>
}

/** What some formats need beside a password. Importers that do not use a field ignore it. */
export interface ImportReadOptions {
  /** A KeePass key file's bytes, for a database locked with one (alone or with a password). */
  keyFile?: Uint8Array
}
