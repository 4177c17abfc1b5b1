// The app's import dialog: a file another app exported is read through the import registry and
// planned against the vault (nothing written), the person sees what will be added, skipped and
// why not, and then the previewed plan is written in one transaction. The renderer sees names
// and kinds only; the planned items, secrets included, stay here until applied or replaced.
import { randomUUID } from 'node:crypto'
import { isAbsolute } from 'node:path'
import type {
  ImportDone,
  ImportPreview,
  ImportRequest,
  SessionId,
} from '../../src-shared/ipc-contract.ts'
import { CairnError } from '../core/errors.ts'
import {
  fingerprintOf,
  overwriteAndDelete,
  type FileFingerprint,
} from '../core/fs/overwrite-delete.ts'
import {
  applyImport,
  itemLabel,
  planImport,
  vaultItems,
  type ImportPlan,
  type ReadImport,
} from '../core/import/import-plan.ts'
import { detectImporter, importerById } from '../core/import/importers/index.ts'
import { kdbxImporter } from '../core/import/importers/kdbx.ts'
import { printable } from '../core/import/scan-report.ts'
import type { EventBus } from './event-bus.ts'
import type { VaultSessions } from './vault-sessions.ts'

export interface VaultImportsOptions {
  sessions: VaultSessions
  events: EventBus
}

interface Pending {
  previewId: string
  read: ReadImport
  keysVaultId: SessionId | null
  source: ImportedSource | null
}

/** The file an import read, to delete it afterwards only while it holds those bytes. */
interface ImportedSource extends FileFingerprint {
  path: string
}

export class VaultImports {
  readonly #o: VaultImportsOptions
  /** One previewed import per vault: a new preview replaces the last. */
  readonly #pending = new Map<string, Pending>()
  /** The plain file each vault's last import read, while it may still be deleted. */
  readonly #deletable = new Map<string, ImportedSource>()

  constructor(options: VaultImportsOptions) {
    this.#o = options
  }

  async preview(vaultId: SessionId, request: ImportRequest): Promise<ImportPreview> {
    const vault = this.#o.sessions.unlocked(vaultId)
    const keysVaultId = request.keysVaultId === vaultId ? null : request.keysVaultId
    const keys = keysVaultId === null ? null : this.#o.sessions.unlocked(keysVaultId)
    this.discard(vaultId)
    const report = this.#progress(vaultId)
    report('reading')
    const importer =
      request.format === null
        ? detectImporter(request.bytes, request.fileName)
        : importerById(request.format)
    let asked = false
    const askSecret = async () => {
      asked = true
      return request.password
    }
    let file
    try {
      file = await importer.read(
        request.bytes,
        askSecret,
        request.keyFile ? { keyFile: request.keyFile } : {},
      )
    } catch (e) {
      // Asked for a password it was not given: the dialog asks the person, then tries again.
      if (asked && request.password === null) {
        return {
          status: 'needs-password',
          formatName: importer.name,
          takesKeyFile: importer.id === kdbxImporter.id,
        }
      }
      throw e
    }
    const read = { name: printable(request.fileName), file }
    const plan = planImport(
      [read],
      vaultItems(vault.list()),
      keys ? { keys: vaultItems(keys.list()) } : {},
    )
    const previewId = randomUUID()
    const source =
      request.path !== null && isAbsolute(request.path)
        ? { path: request.path, ...fingerprintOf(request.bytes) }
        : null
    this.#pending.set(vaultId, { previewId, read, keysVaultId, source })
    report('done')
    return {
      status: 'ready',
      previewId,
      formatName: file.formatName,
      encrypted: file.encrypted === true,
      add: plan.add.map((p) => ({
        kind: p.data.type,
        label: itemLabel(p.data),
        from: p.from,
        inKeysVault: p.to === 'keys',
        group: p.data.group?.length ? [...p.data.group] : null,
        link: p.link
          ? { label: p.link.label, inKeysVault: p.link.to === 'keys', existing: p.link.existing }
          : null,
      })),
      skipped: plan.skipped.map((s) => ({
        label: `${itemLabel(s.data)} (${s.from})`,
        reason: s.reason,
      })),
      problems: plan.problems,
      notes: plan.notes,
      keysVaultName: keys ? keys.header.name : null,
      keysBesideLogins: plan.keysBesideLogins,
    }
  }

  apply(vaultId: SessionId, previewId: string): ImportDone {
    const pending = this.#pending.get(vaultId)
    if (!pending || pending.previewId !== previewId) {
      throw new CairnError('NOT_FOUND', 'Nothing to import: choose the file again')
    }
    const vault = this.#o.sessions.unlocked(vaultId)
    const keys =
      pending.keysVaultId === null ? null : this.#o.sessions.unlocked(pending.keysVaultId)
    const report = this.#progress(vaultId)
    // Planned again against the vaults as they are now: they may have changed since the preview.
    const plan: ImportPlan = planImport(
      [pending.read],
      vaultItems(vault.list()),
      keys ? { keys: vaultItems(keys.list()) } : {},
    )
    report('writing', 0, plan.add.length)
    applyImport(vault, plan, keys ? { keys } : {})
    this.#pending.delete(vaultId)
    report('done', plan.add.length, plan.add.length)
    this.#o.events.emit({ type: 'items-changed', vaultId })
    if (pending.keysVaultId !== null) {
      this.#o.events.emit({ type: 'items-changed', vaultId: pending.keysVaultId })
    }
    const plainFile = pending.read.file.encrypted !== true
    if (plainFile && pending.source) this.#deletable.set(vaultId, pending.source)
    else this.#deletable.delete(vaultId)
    return {
      added: plan.add.length,
      addedToKeysVault: plan.add.filter((p) => p.to === 'keys').length,
      skipped: plan.skipped.length,
      plainFile,
      canDeleteFile: plainFile && pending.source !== null,
    }
  }

  /** Overwrites and deletes the plain file the vault's last import read. */
  async deleteFile(vaultId: SessionId): Promise<{ deleted: true }> {
    const source = this.#deletable.get(vaultId)
    if (!source) {
      throw new CairnError(
        'NOT_FOUND',
        'Cairn does not know where that file is: delete it yourself',
      )
    }
    await overwriteAndDelete(source.path, source)
    this.#deletable.delete(vaultId)
    return { deleted: true }
  }

  /**
   * Forgets a previewed import (the dialog was closed, or the vault or its 2FA vault locks), so
   * its secrets are not kept.
   */
  discard(vaultId: SessionId): void {
    this.#pending.delete(vaultId)
    this.#deletable.delete(vaultId)
    for (const [id, pending] of this.#pending) {
      if (pending.keysVaultId === vaultId) this.#pending.delete(id)
    }
  }

  #progress(vaultId: SessionId) {
    return (phase: string, done = 0, total = 0) =>
      this.#o.events.emit({
        type: 'progress',
        vaultId,
        progress: { operation: 'import', phase, done, total },
      })
  }
}
