// The app's import dialog: a file another app exported is read through the import registry and
// planned against the vault (nothing written), the person sees what will be added, skipped and
// why not, and then the previewed plan is written in one transaction. The renderer sees names
// and kinds only; the planned items, secrets included, stay here until applied or replaced.
import { randomUUID } from 'node:crypto'
import type {
  ImportDone,
  ImportPreview,
  ImportRequest,
  SessionId,
} from '../../src-shared/ipc-contract.ts'
import { CairnError } from '../core/errors.ts'
import {
  applyImport,
  itemLabel,
  planImport,
  vaultItems,
  type ReadImport,
} from '../core/import/import-plan.ts'
import { detectImporter, importerById } from '../core/import/importers/index.ts'
import { UnlockedVaultFile } from '../core/vault/unlocked-vault-file.ts'
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
}

export class VaultImports {
  readonly #o: VaultImportsOptions
  /** One previewed import per vault: a new preview replaces the last. */
  readonly #pending = new Map<string, Pending>()

  constructor(options: VaultImportsOptions) {
    this.#o = options
  }

  async preview(vaultId: SessionId, request: ImportRequest): Promise<ImportPreview> {
    const vault = this.#o.sessions.unlocked(vaultId)
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
      file = await importer.read(request.bytes, askSecret)
    } catch (e) {
      // Asked for a password it was not given: the dialog asks the person, then tries again.
      if (asked && request.password === null) {
        return { status: 'needs-password', formatName: importer.name }
      }
      throw e
    }
    const read = { name: printable(request.fileName), file }
    const plan = planImport([read], vaultItems(vault.list()))
    const previewId = randomUUID()
    this.#pending.set(vaultId, { previewId, read })
    report('done')
    return {
      status: 'ready',
      previewId,
      formatName: file.formatName,
      encrypted: file.encrypted === true,
      add: plan.add.map((p) => ({ kind: p.data.type, label: itemLabel(p.data), from: p.from })),
      skipped: plan.skipped.map((s) => ({
        label: `${itemLabel(s.data)} (${s.from})`,
        reason: s.reason,
      })),
      problems: plan.problems,
      notes: plan.notes,
    }
  }

  apply(vaultId: SessionId, previewId: string): ImportDone {
    const pending = this.#pending.get(vaultId)
    if (!pending || pending.previewId !== previewId) {
      throw new CairnError('NOT_FOUND', 'Nothing to import: choose the file again')
    }
    const vault = this.#vaultFile(vaultId)
    const report = this.#progress(vaultId)
    // Planned again against the vault as it is now: it may have changed since the preview.
    const plan = planImport([pending.read], vaultItems(vault.list()))
    report('writing', 0, plan.add.length)
    applyImport(vault, plan)
    this.#pending.delete(vaultId)
    report('done', plan.add.length, plan.add.length)
    this.#o.events.emit({ type: 'items-changed', vaultId })
    const { file } = pending.read
    return {
      added: plan.add.length,
      skipped: plan.skipped.length,
      plainFile: file.encrypted !== true,
    }
  }

  /** Forgets a previewed import (the dialog was closed), so its secrets are not kept. */
  discard(vaultId: SessionId): void {
    this.#pending.delete(vaultId)
  }

  #vaultFile(vaultId: SessionId): UnlockedVaultFile {
    const vault = this.#o.sessions.unlocked(vaultId)
    if (!(vault instanceof UnlockedVaultFile)) {
      throw new CairnError('UNSUPPORTED', 'Importing needs a vault file from the vault core')
    }
    return vault
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
