// An import decides everything before it writes anything: every file must read without problems
// (an entry that cannot become an item fails the whole import), items already in the vault or
// repeated across the files are skipped with a message, and what is worth saying but not worth
// failing for (ignored codes, missing parts of a multi-part export, short secrets) is a note.
import { randomUUID } from 'node:crypto'
import { CairnError } from '../errors.ts'
import { batchStatuses, describeParts } from '../migration/migration-batches.ts'
import { shortSecretWarning } from '../otp/otp-key.ts'
import type { OtpKey } from '../otp/otp-types.ts'
import type { ItemData, ItemRecord, OtpData } from '../vault/item-types.ts'
import type { ListResult, ManagedVault } from '../vault/vault-api.ts'
import type { ImportedFile } from './importer.ts'
import { printable } from './scan-report.ts'

export interface PlannedItem {
  data: ItemData
  /** "shot.png, code 2", "aegis.json, entry 4". */
  from: string
}

export interface ImportPlan {
  add: PlannedItem[]
  skipped: (PlannedItem & { reason: string })[]
  /** Each of these fails the import. */
  problems: string[]
  /** Worth saying, not worth failing for. */
  notes: string[]
}

/** One file as read by its importer, under the name messages use for it. */
export interface ReadImport {
  name: string
  file: ImportedFile
}

/** Same key: same secret (canonical base32), issuer and account, as `cairn add` judges it. */
export function keyIdentity(key: Pick<OtpKey, 'secret' | 'issuer' | 'account'>): string {
  return JSON.stringify([key.secret, key.issuer, key.account])
}

/** Same item: same kind and the same content a person would call "the same" (not notes or tags). */
export function itemIdentity(data: ItemData): string {
  switch (data.type) {
    case 'otp':
      return keyIdentity(data)
    case 'login':
      return JSON.stringify(['login', data.title, data.username, data.password, data.urls])
    case 'note':
      return JSON.stringify(['note', data.title, data.body])
    case 'recovery-codes':
      return JSON.stringify(['recovery', data.title, data.issuer, data.codes.map((c) => c.code)])
  }
}

export function keyLabel(key: Pick<OtpKey, 'issuer' | 'account'>): string {
  const label =
    key.issuer && key.account ? `${key.issuer} (${key.account})` : key.issuer || key.account
  return printable(label || 'an unnamed key')
}

const KIND_NAMES: Record<ItemData['type'], string> = {
  otp: '2FA key',
  login: 'login',
  note: 'note',
  'recovery-codes': 'recovery codes',
}

/** "2FA key GitHub (octo)", "login Bank", "note Wi-Fi": for messages, never a secret. */
export function itemLabel(data: ItemData): string {
  const name =
    data.type === 'otp'
      ? data.title
        ? printable(data.title)
        : keyLabel(data)
      : printable(data.title || 'untitled')
  return `${KIND_NAMES[data.type]} ${name}`
}

/** A folder becomes a tag until groups exist; a short secret gets a warning in its notes. */
function prepared(
  data: ItemData,
  folder: string | undefined,
): { data: ItemData; warning?: string } {
  const tags = folder && !data.tags.includes(folder) ? [folder, ...data.tags] : data.tags
  if (data.type !== 'otp') return { data: { ...data, tags } }
  const warning = shortSecretWarning(data)
  if (!warning) return { data: { ...data, tags } }
  const notes = data.notes ? `${data.notes}\n\n${warning}` : warning
  return { data: { ...data, tags, notes }, warning }
}

export function planImport(files: ReadImport[], existing: ItemData[]): ImportPlan {
  const plan: ImportPlan = { add: [], skipped: [], problems: [], notes: [] }
  const inVault = new Set(existing.map(itemIdentity))
  const planned = new Map<string, string>()

  for (const { name: rawName, file } of files) {
    const name = printable(rawName)
    for (const problem of file.problems) {
      plan.problems.push(`${name}, ${problem.where}: ${printable(problem.reason)}`)
    }
    for (const note of file.notes) plan.notes.push(`${name}: ${printable(note)}`)
    for (const entry of file.entries) {
      const from = `${name}, ${entry.where}`
      const { data, warning } = prepared(entry.data, entry.folder)
      for (const note of entry.notes ?? []) plan.notes.push(`${from}: ${printable(note)}`)
      const id = itemIdentity(data)
      const earlier = planned.get(id)
      if (inVault.has(id)) plan.skipped.push({ data, from, reason: 'already in the vault' })
      else if (earlier) plan.skipped.push({ data, from, reason: `same as ${earlier}` })
      else {
        planned.set(id, from)
        plan.add.push({ data, from })
        if (warning) plan.notes.push(`${from}: ${itemLabel(data)}: ${warning}`)
      }
    }
    if (file.entries.length === 0 && file.problems.length === 0) {
      plan.notes.push(`${name}: holds nothing to import`)
    }
  }

  const parts = files.flatMap((f) => f.file.migrationParts ?? [])
  for (const status of batchStatuses(parts)) {
    if (status.missing.length === 0) continue
    plan.notes.push(
      `Google Authenticator export in ${status.size} parts: ${describeParts(status.missing)} not among the inputs; import ${status.missing.length === 1 ? 'it' : 'them'} later (items already imported will be skipped)`,
    )
  }
  return plan
}

/** The OTP keys of a vault's live items. */
export function vaultOtpKeys(list: ListResult): OtpKey[] {
  return list.items.flatMap((item) => (item.data.type === 'otp' ? [item.data] : []))
}

/** The data of a vault's live items, which an import compares against. */
export function vaultItemData(list: ListResult): ItemData[] {
  return list.items.map((item) => item.data)
}

export function otpItem(key: OtpKey): OtpData {
  return { ...key, type: 'otp', title: '', notes: '', tags: [] }
}

/** What the import writes through: the vault's all-or-nothing batch write. */
export type ImportTarget = Pick<ManagedVault, 'importRecords'>

/**
 * Writes the plan's items in one transaction. Refuses (writing nothing) when the plan has
 * problems; a plan with nothing to add writes nothing and succeeds.
 */
export function applyImport(
  target: ImportTarget,
  plan: ImportPlan,
  now = Date.now(),
): ItemRecord[] {
  if (plan.problems.length > 0) {
    throw new CairnError(
      'INVALID_ARGUMENT',
      `Nothing imported: ${plan.problems.length} input problem${plan.problems.length === 1 ? '' : 's'}`,
    )
  }
  if (plan.add.length === 0) return []
  return target.importRecords(
    plan.add.map((p) => ({
      id: randomUUID(),
      revision: 1,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
      data: p.data,
    })),
  )
}
