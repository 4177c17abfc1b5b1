// Finding the items a QUERY names without decrypting the whole vault on every command. The agent
// keeps, per held vault, an index of each item's id, type, trash mark and folded names (never a
// secret), built by one list() and rebuilt only when the vault file changes; a lookup then
// decrypts just the matching rows with get(). A direct command (one unlock per run) matches
// against the vault's encrypted search index instead and decrypts only the matches; when that
// index cannot be used, or a match does not read back as the index described it, it lists the
// vault, so the answer is always the one a full read gives.
import { statSync } from 'node:fs'
import type { ItemRecord, ItemType } from '../core/vault/item-types.ts'
import type { ManagedVault } from '../core/vault/vault-api.ts'
import type { CommandContext } from './cli-types.ts'
import { sameIndexedItem, indexedItem } from '../core/vault/search-index.ts'
import { CairnError } from '../core/errors.ts'
import { findItems, matchEntries, searchableNames, type SearchEntry } from './item-query.ts'

interface IndexEntry extends SearchEntry {
  type: ItemType
  trashed: boolean
  /** Title and issuer as stored, for shell completion. */
  labels: string[]
}

interface NameIndex {
  signature: string
  entries: IndexEntry[]
}

const indexes = new WeakMap<ManagedVault, NameIndex>()

/** Size and change time of the file and its write-ahead log: any write moves one of them. */
function fileSignature(path: string): string {
  return [path, `${path}-wal`]
    .map((f) => {
      try {
        const st = statSync(f, { bigint: true })
        return `${st.size}:${st.mtimeNs}:${st.ino}`
      } catch {
        return '-'
      }
    })
    .join('/')
}

function indexOf(vault: ManagedVault): NameIndex {
  const signature = fileSignature(vault.path)
  const cached = indexes.get(vault)
  if (cached?.signature === signature) return cached
  const entries = vault.list({ includeTrash: true }).items.map((r) => ({
    id: r.id,
    type: r.data.type,
    trashed: r.deletedAt !== null,
    names: searchableNames(r.data),
    labels: [r.data.title, 'issuer' in r.data ? r.data.issuer : ''].filter(Boolean),
  }))
  const index = { signature, entries }
  indexes.set(vault, index)
  return index
}

/** Builds the index ahead of the first lookup (the agent does it while unlocking). */
export function warmIndex(vault: ManagedVault): void {
  indexOf(vault)
}

export interface LookupOptions {
  /** Only items of these types. */
  types?: readonly ItemType[]
  /** Which items: the live ones (default), those in the trash, or both. */
  trash?: 'exclude' | 'only' | 'include'
}

function wanted(options: LookupOptions) {
  const trash = options.trash ?? 'exclude'
  return (type: ItemType, trashed: boolean) =>
    (!options.types || options.types.includes(type)) &&
    (trash === 'include' || (trash === 'only') === trashed)
}

/** The items QUERY matches (exact matches only when there are any), each decrypted. */
export function lookupItems(
  context: CommandContext,
  vault: ManagedVault,
  query: string,
  options: LookupOptions = {},
): ItemRecord[] {
  const keep = wanted(options)
  if (!context.agent) {
    const indexed = lookupThroughIndex(vault, query, keep)
    if (indexed) return indexed
    const all = vault.list({
      includeTrash: options.trash !== undefined && options.trash !== 'exclude',
    })
    return findItems(
      all.items.filter((r) => keep(r.data.type, r.deletedAt !== null)),
      query,
    )
  }
  const entries = indexOf(vault).entries.filter((e) => keep(e.type, e.trashed))
  return matchEntries(entries, query).map((e) => vault.get(e.id))
}

/**
 * The matches found through the vault's search index, each decrypted and checked against the
 * entry that matched (same revision, type, trash mark and fields, so the same match); null when
 * the index cannot be used or a match does not agree: the caller then reads the whole vault.
 */
function lookupThroughIndex(
  vault: ManagedVault,
  query: string,
  keep: (type: ItemType, trashed: boolean) => boolean,
): ItemRecord[] | null {
  const index = vault.searchIndex()
  if (!index) return null
  const matched = matchEntries(
    index.flatMap((e) => {
      const fields = e.fields
      // Groups kept on their own are rows too, but QUERY names items only.
      if (fields.type === 'group' || !keep(fields.type, e.trashed)) return []
      return [{ id: e.id, names: searchableNames(fields), entry: e }]
    }),
    query,
  )
  let records: ItemRecord[]
  try {
    records = vault.getMany(matched.map((m) => m.id))
  } catch (e) {
    // A damaged or rolled-back row: the full read reports it and leaves it out.
    if (e instanceof CairnError) return null
    throw e
  }
  const entries = new Map(matched.map((m) => [m.id, m.entry]))
  const agrees = records.every((r) => {
    const entry = entries.get(r.id)
    return entry !== undefined && sameIndexedItem(entry, indexedItem(r))
  })
  return agrees ? records : null
}

/** Titles and issuers of the live items, sorted, from the index (for shell completion). */
export function itemLabels(vault: ManagedVault): string[] {
  const labels = new Set<string>()
  for (const entry of indexOf(vault).entries) {
    if (!entry.trashed) for (const label of entry.labels) labels.add(label)
  }
  return [...labels].sort()
}
