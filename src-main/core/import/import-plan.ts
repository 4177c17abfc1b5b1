// An import decides everything before it writes anything: every file must read without problems
// (an entry that cannot become an item fails the whole import), items already in the vault or
// repeated across the files are skipped with a message, and what is worth saying but not worth
// failing for (ignored codes, missing parts of a multi-part export, short secrets) is a note.
import { randomUUID } from 'node:crypto'
import { CairnError, isCairnError } from '../errors.ts'
import { batchStatuses, describeParts } from '../migration/migration-batches.ts'
import { shortSecretWarning } from '../otp/otp-key.ts'
import type { OtpKey } from '../otp/otp-types.ts'
import {
  MAX_GROUP_DEPTH,
  groupNameFrom,
  groupPathText,
  parseGroupPath,
} from '../../../src-shared/group-path.ts'
import {
  isItemRecord,
  type GroupRecord,
  type ItemData,
  type ItemRecord,
  type OtpData,
} from '../vault/item-types.ts'
import type { ListResult, ManagedVault, VaultHeader } from '../vault/vault-api.ts'
import type { ImportedFile } from './importer.ts'
import { printable } from './scan-report.ts'

/**
 * Where a planned item goes: the vault the import was run on, or the 2FA vault its keys were
 * sent to (Cairn keeps passwords and 2FA keys in separate vaults when a person wants that).
 */
export type ImportDestination = 'vault' | 'keys'

/** The 2FA key a login shows: one this import adds, or one already in a vault. */
export interface PlannedLink {
  to: ImportDestination
  itemId: string
  /** "2FA key GitHub (octo)": for messages. */
  label: string
  /** True when the key was already in the vault (the import's copy of it was skipped). */
  existing: boolean
}

export interface PlannedItem {
  /** Chosen when planning, so that a login can point at its key before either is written. */
  id: string
  data: ItemData
  /** "shot.png, code 2", "aegis.json, entry 4". */
  from: string
  to: ImportDestination
  /** On a login read with a TOTP: the key whose live code it shows, written as its `otpLink`. */
  link?: PlannedLink
}

export interface SkippedItem {
  data: ItemData
  from: string
  to: ImportDestination
  reason: string
}

/** A group of the source kept in the vault even while empty, as the source had it. */
export interface PlannedGroup {
  path: string[]
  to: ImportDestination
}

export interface ImportPlan {
  add: PlannedItem[]
  /** The source's groups (those its added items sit in, and empty ones), each once per vault. */
  groups: PlannedGroup[]
  skipped: SkippedItem[]
  /** Each of these fails the import. */
  problems: string[]
  /** Worth saying, not worth failing for. */
  notes: string[]
  /**
   * Logins' TOTP keys that go into the import's own vault because no 2FA vault was given: the
   * caller says so and how to send them to the 2FA vault instead.
   */
  keysBesideLogins: number
}

/** An item already in a vault, which an import compares against and may link to. */
export interface StoredItem {
  id: string
  data: ItemData
}

export interface PlanOptions {
  /**
   * The live items of the 2FA vault the import's 2FA keys (and recovery codes) go to. Absent:
   * everything goes into the import's own vault, keys beside the logins they belong to.
   */
  keys?: readonly StoredItem[]
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

/**
 * A source's folder path ("Work/Servers") as a Cairn group path: each name made printable (see
 * groupNameFrom), empty names dropped, nesting cut at the deepest Cairn allows. Empty: top level.
 */
export function groupFromFolder(folder: string | undefined): string[] {
  if (!folder) return []
  return parseGroupPath(folder)
    .flatMap((name) => groupNameFrom(name) ?? [])
    .slice(0, MAX_GROUP_DEPTH)
}

/** The source's folder becomes the item's group; a short secret gets a warning in its notes. */
function prepared(
  data: ItemData,
  folder: string | undefined,
): { data: ItemData; warning?: string } {
  const group = groupFromFolder(folder)
  const grouped: ItemData = group.length ? { ...data, group } : data
  if (grouped.type !== 'otp') return { data: grouped }
  const warning = shortSecretWarning(grouped)
  if (!warning) return { data: grouped }
  const notes = grouped.notes ? `${grouped.notes}\n\n${warning}` : warning
  return { data: { ...grouped, notes }, warning }
}

/** 2FA keys and recovery codes go to the 2FA vault when there is one, as the app's Add dialogs do. */
function destinationOf(data: ItemData, hasKeysVault: boolean): ImportDestination {
  return hasKeysVault && (data.type === 'otp' || data.type === 'recovery-codes') ? 'keys' : 'vault'
}

export function planImport(
  files: ReadImport[],
  existing: readonly StoredItem[],
  options: PlanOptions = {},
): ImportPlan {
  const plan: ImportPlan = {
    add: [],
    groups: [],
    skipped: [],
    problems: [],
    notes: [],
    keysBesideLogins: 0,
  }
  const plannedGroups = new Set<string>()
  const keepGroup = (path: string[], to: ImportDestination) => {
    const key = JSON.stringify([to, path])
    if (path.length === 0 || plannedGroups.has(key)) return
    plannedGroups.add(key)
    plan.groups.push({ path, to })
  }
  const stored = (items: readonly StoredItem[]) =>
    new Map(items.map((item) => [itemIdentity(item.data), item.id]))
  const inVault: Record<ImportDestination, Map<string, string>> = {
    vault: stored(existing),
    keys: stored(options.keys ?? []),
  }
  const planned = new Map<string, PlannedItem>()

  for (const { name: rawName, file } of files) {
    const name = printable(rawName)
    for (const problem of file.problems) {
      plan.problems.push(`${name}, ${problem.where}: ${printable(problem.reason)}`)
    }
    for (const note of file.notes) plan.notes.push(`${name}: ${printable(note)}`)
    // A login names its key by `otpRef`; refs are unique within one file only.
    const keysByRef = new Map<string, PlannedLink>()
    const loginsWithKeys: { login: PlannedItem; otpRef: string }[] = []
    for (const entry of file.entries) {
      const from = `${name}, ${entry.where}`
      const { data, warning } = prepared(entry.data, entry.folder)
      for (const note of entry.notes ?? []) plan.notes.push(`${from}: ${printable(note)}`)
      const to = destinationOf(data, options.keys !== undefined)
      const id = itemIdentity(data)
      const storedId = inVault[to].get(id)
      const earlier = planned.get(id)
      let target: Omit<PlannedLink, 'label'>
      if (storedId !== undefined) {
        const reason = to === 'keys' ? 'already in the 2FA vault' : 'already in the vault'
        plan.skipped.push({ data, from, to, reason })
        target = { to, itemId: storedId, existing: true }
      } else if (earlier) {
        plan.skipped.push({ data, from, to, reason: `same as ${earlier.from}` })
        target = { to: earlier.to, itemId: earlier.id, existing: false }
      } else {
        const item: PlannedItem = { id: randomUUID(), data, from, to }
        planned.set(id, item)
        plan.add.push(item)
        keepGroup(data.group ?? [], to)
        if (warning) plan.notes.push(`${from}: ${itemLabel(data)}: ${warning}`)
        if (entry.otpRef !== undefined && data.type === 'login') {
          loginsWithKeys.push({ login: item, otpRef: entry.otpRef })
        }
        target = { to, itemId: item.id, existing: false }
      }
      if (entry.ref !== undefined && data.type === 'otp') {
        keysByRef.set(entry.ref, { ...target, label: itemLabel(data) })
      }
    }
    for (const { login, otpRef } of loginsWithKeys) {
      const link = keysByRef.get(otpRef)
      if (!link) continue
      login.link = link
      if (link.to === 'vault' && !link.existing) plan.keysBesideLogins++
    }
    for (const folder of file.groups ?? []) keepGroup(groupFromFolder(folder), 'vault')
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

/** A vault's live items, which an import compares against and may link to. */
export function vaultItems(list: ListResult): StoredItem[] {
  return list.items.map((item) => ({ id: item.id, data: item.data }))
}

export function otpItem(key: OtpKey): OtpData {
  return { ...key, type: 'otp', title: '', notes: '', tags: [] }
}

/** A vault the import writes into: its id (links point at it) and its batch writes. */
export interface ImportTarget extends Pick<ManagedVault, 'importRecords' | 'purge' | 'groups'> {
  readonly header: Pick<VaultHeader, 'vaultUuid'>
}

export interface ApplyOptions {
  /** The 2FA vault the plan's keys go to; required when the plan was made with one. */
  keys?: ImportTarget
  now?: number
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`
}

/** Purges what was written to the 2FA vault; false when that failed too. */
function undoWrite(target: ImportTarget, written: readonly { id: string }[]): boolean {
  try {
    for (const record of written) target.purge(record.id)
    return true
  } catch {
    return false
  }
}

/**
 * Writes the plan's items, each vault in one transaction: all or nothing within a vault. With
 * a 2FA vault the keys are written first, so a login never points at a key that is not there;
 * should the second write fail, the keys just written are purged again (and should that fail
 * too, the error says they are there: importing again skips them and links the logins to them).
 * Refuses (writing nothing) when the plan has problems; a plan with nothing to add writes
 * nothing and succeeds. Returns the written records in the plan's order.
 */
export function applyImport(
  target: ImportTarget,
  plan: ImportPlan,
  options: ApplyOptions = {},
): ItemRecord[] {
  if (plan.problems.length > 0) {
    throw new CairnError(
      'INVALID_ARGUMENT',
      `Nothing imported: ${plan.problems.length} input problem${plan.problems.length === 1 ? '' : 's'}`,
    )
  }
  const keys = options.keys
  const toKeys = plan.add.filter((p) => p.to === 'keys')
  const toVault = plan.add.filter((p) => p.to === 'vault')
  if (toKeys.length > 0 && !keys) {
    throw new CairnError('INVALID_ARGUMENT', 'Nothing imported: the 2FA vault is not open')
  }
  if (plan.add.length === 0 && plan.groups.length === 0) return []
  const now = options.now ?? Date.now()
  const vaultUuid = (to: ImportDestination) =>
    (to === 'keys' && keys ? keys : target).header.vaultUuid
  const record = (p: PlannedItem): ItemRecord => ({
    id: p.id,
    revision: 1,
    createdAt: now,
    updatedAt: now,
    deletedAt: null,
    data:
      p.data.type === 'login' && p.link
        ? { ...p.data, otpLink: { vaultId: vaultUuid(p.link.to), itemId: p.link.itemId } }
        : p.data,
  })

  // A group the vault already keeps is not kept twice.
  const groupRecords = (to: ImportDestination, vault: ImportTarget): GroupRecord[] => {
    const kept = new Set(vault.groups().map((g) => groupPathText(g.data.path)))
    return plan.groups
      .filter((g) => g.to === to && !kept.has(groupPathText(g.path)))
      .map((g) => ({
        id: randomUUID(),
        revision: 1,
        createdAt: now,
        updatedAt: now,
        deletedAt: null,
        data: { type: 'group', path: g.path },
      }))
  }
  const keyRecords = keys ? [...toKeys.map(record), ...groupRecords('keys', keys)] : []
  const writtenKeys = keyRecords.length > 0 ? keys!.importRecords(keyRecords) : []
  let written: ItemRecord[] = []
  try {
    const vaultRecords = [...toVault.map(record), ...groupRecords('vault', target)]
    if (vaultRecords.length > 0) written = target.importRecords(vaultRecords).filter(isItemRecord)
  } catch (e) {
    if (!keys || writtenKeys.length === 0 || undoWrite(keys, writtenKeys)) throw e
    const reason = isCairnError(e) ? e.message : 'the vault could not be written'
    throw new CairnError(
      isCairnError(e) ? e.code : 'IO_ERROR',
      `${reason}. The ${plural(writtenKeys.length, '2FA key')} already written to the 2FA vault could not be taken out again: importing the same file again skips them and links the logins to them`,
      { cause: e },
    )
  }
  const byId = new Map([...writtenKeys.filter(isItemRecord), ...written].map((r) => [r.id, r]))
  return plan.add.flatMap((p) => byId.get(p.id) ?? [])
}
