// Merging another copy of a vault (a second vault file or a backup) into an open vault.
// Items match by id. Each row's lineage (the ids of its latest versions, docs/vault-format.md 5)
// says whether one side's version is an ancestor of the other's:
//   - same version, or theirs an ancestor of ours: keep ours;
//   - ours an ancestor of theirs: take theirs (an edit, a move to or from the trash);
//   - neither (both changed since they parted, or one lost track after 20 versions): a conflict.
//     Both versions are kept: the one edited last stays in the item's place as a merge version
//     whose lineage includes both, the other becomes a new item marked as a conflict copy. Every
//     id and version the merge creates is derived from the two versions, so merging A into B and
//     B into A give the same items and later merges of the same copies change nothing.
// Purged items travel as tombstones (id, revision, purge time). A tombstone deletes an item only
// if the purge could have seen that version: item revision < tombstone revision and item last
// written no later than the purge. An item edited after (or unknown to) the purge survives it.
import { createHash } from 'node:crypto'
import { isDeepStrictEqual } from 'node:util'
import { otpKeyLabel } from '../otp/otp-key.ts'
import { groupPathLabel } from '../../../src-shared/group-path.ts'
import type { RowData, StoredRecord, Tombstone } from '../vault/item-types.ts'
import { MAX_LINEAGE, type Lineage, type VersionedRecord } from '../vault/item-rows.ts'
import type { ImportedRecord } from '../vault/item-store.ts'
import type { ManagedVault } from '../vault/vault-api.ts'

export interface MergeSide {
  items: readonly VersionedRecord[]
  tombstones: readonly Tombstone[]
}

export interface MergeConflict {
  /** The item both sides changed. */
  id: string
  /** The new item holding the version that lost its place. */
  copyId: string
  title: string
}

export interface MergeSummary {
  /** Items only the other side had. */
  added: number
  /** Items where the other side's version was newer and replaced ours. */
  updated: number
  /** Items removed because the other side purged them. */
  deleted: number
  /** Tombstones recorded for items we did not have (so the deletion travels on). */
  tombstones: number
  /** Items a local purge had removed that the other side changed afterwards: back again. */
  revived: number
  conflicts: MergeConflict[]
  unchanged: number
}

export interface MergePlan {
  records: ImportedRecord[]
  tombstones: Tombstone[]
  summary: MergeSummary
}

export const CONFLICT_TAG = 'conflict'
export const CONFLICT_SUFFIX = ' (conflict copy)'

function sha256(...parts: string[]): Buffer {
  const h = createHash('sha256')
  for (const p of parts) h.update(`${p.length}:${p}`)
  return h.digest()
}

/** A version id derived from `parts` (same shape as a random one: 8 bytes, base64url). */
function derivedVersion(...parts: string[]): string {
  return sha256('cairn.version.v1', ...parts)
    .subarray(0, 8)
    .toString('base64url')
}

/** A version-4-shaped UUID derived from `parts`, for the ids of conflict copies. */
export function derivedUuid(...parts: string[]): string {
  const b = sha256('cairn.conflict-copy.v1', ...parts).subarray(0, 16)
  b[6] = (b[6]! & 0x0f) | 0x40
  b[8] = (b[8]! & 0x3f) | 0x80
  const hex = b.toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/** A row without recorded history gets a stand-in version derived from its clear columns. */
function lineageOf(v: VersionedRecord): Lineage {
  if (v.lineage.length) return v.lineage
  const r = v.record
  return [derivedVersion('legacy', r.id, String(r.revision), String(r.updatedAt))]
}

function includes(lineage: Lineage, version: string): boolean {
  return lineage.includes(version)
}

function sameContent(a: StoredRecord, b: StoredRecord): boolean {
  return a.deletedAt === b.deletedAt && isDeepStrictEqual(a.data, b.data)
}

/** The version that keeps the item's place: edited last, then higher revision, then version id. */
function winnerFirst(a: VersionedRecord, b: VersionedRecord): [VersionedRecord, VersionedRecord] {
  const ka = [a.record.updatedAt, a.record.revision]
  const kb = [b.record.updatedAt, b.record.revision]
  for (let i = 0; i < ka.length; i++) {
    if (ka[i]! !== kb[i]!) return ka[i]! > kb[i]! ? [a, b] : [b, a]
  }
  return lineageOf(a)[0]! >= lineageOf(b)[0]! ? [a, b] : [b, a]
}

/** Both histories, alternating, starting with the one whose head sorts first; without repeats. */
function joinLineages(a: Lineage, b: Lineage): string[] {
  const [first, second] = a[0]! <= b[0]! ? [a, b] : [b, a]
  const out: string[] = []
  for (let i = 0; i < Math.max(first.length, second.length); i++) {
    for (const v of [first[i], second[i]]) if (v !== undefined && !out.includes(v)) out.push(v)
  }
  return out
}

function titleOf(data: RowData): string {
  if (data.type === 'group') return `group ${groupPathLabel(data.path)}`
  if (data.type === 'otp') return data.title || otpKeyLabel(data)
  return data.title
}

/**
 * The losing version as an item of its own. A kept group's copy stays as it was: two groups side
 * by side already show both versions, and a marked name would make a third group.
 */
function markedAsConflict(data: RowData): RowData {
  if (data.type === 'group') return data
  const tags = data.tags.includes(CONFLICT_TAG) ? data.tags : [...data.tags, CONFLICT_TAG]
  return { ...data, title: `${titleOf(data)}${CONFLICT_SUFFIX}`, tags }
}

/** The item at `id` after a conflict, and the copy of the version that lost its place. */
function resolveConflict(
  ours: VersionedRecord,
  theirs: VersionedRecord,
): { merged: ImportedRecord; copy: ImportedRecord } {
  const lo = lineageOf(ours)
  const lt = lineageOf(theirs)
  const [winner, loser] = winnerFirst(ours, theirs)
  const w = winner.record
  const l = loser.record
  const pair = [lo[0]!, lt[0]!].sort()
  const merged = {
    id: w.id,
    revision: Math.max(w.revision, l.revision) + 1,
    createdAt: Math.min(w.createdAt, l.createdAt),
    updatedAt: w.updatedAt,
    deletedAt: w.deletedAt,
    data: w.data,
    lineage: [derivedVersion('merge', ...pair), ...joinLineages(lo, lt)].slice(0, MAX_LINEAGE),
  } as ImportedRecord
  const loserVersion = lineageOf(loser)[0]!
  const copyId = derivedUuid(w.id, loserVersion)
  const copy = {
    id: copyId,
    revision: 1,
    createdAt: l.updatedAt,
    updatedAt: l.updatedAt,
    deletedAt: l.deletedAt,
    data: markedAsConflict(l.data),
    lineage: [derivedVersion('copy', copyId)],
  } as ImportedRecord
  return { merged, copy }
}

/** Whether a purge recorded as `t` could have seen this version of the item. */
function purgeCovers(t: Tombstone, r: StoredRecord): boolean {
  return r.revision < t.revision && r.updatedAt <= t.purgedAt
}

/** What merging `theirs` into `ours` writes into ours. Pure: reads both, changes neither. */
export function planMerge(ours: MergeSide, theirs: MergeSide): MergePlan {
  const ourItems = new Map(ours.items.map((v) => [v.record.id, v]))
  const ourTombs = new Map(ours.tombstones.map((t) => [t.id, t]))
  const records = new Map<string, ImportedRecord>()
  const tombstones: Tombstone[] = []
  const summary: MergeSummary = {
    added: 0,
    updated: 0,
    deleted: 0,
    tombstones: 0,
    revived: 0,
    conflicts: [],
    unchanged: 0,
  }
  const present = (id: string) => ourItems.has(id) || ourTombs.has(id) || records.has(id)

  for (const theirsV of theirs.items) {
    const t = theirsV.record
    const oursV = ourItems.get(t.id)
    const imported: ImportedRecord = {
      ...t,
      lineage: theirsV.lineage.length ? theirsV.lineage : undefined,
    }
    if (!oursV) {
      const tomb = ourTombs.get(t.id)
      if (tomb && purgeCovers(tomb, t)) {
        summary.unchanged++
      } else {
        records.set(t.id, imported)
        if (tomb) summary.revived++
        else summary.added++
      }
      continue
    }
    const lo = lineageOf(oursV)
    const lt = lineageOf(theirsV)
    if (lo[0] === lt[0] || includes(lo, lt[0]!)) {
      summary.unchanged++
    } else if (includes(lt, lo[0]!)) {
      records.set(t.id, imported)
      summary.updated++
    } else {
      const { merged, copy } = resolveConflict(oursV, theirsV)
      records.set(merged.id, merged)
      if (sameContent(oursV.record, t)) {
        // Both made the same change: one item, with both histories, and no copy.
        summary.unchanged++
        continue
      }
      if (!present(copy.id)) records.set(copy.id, copy)
      summary.conflicts.push({ id: t.id, copyId: copy.id, title: titleOf(merged.data) })
    }
  }

  const theirIds = new Set(theirs.items.map((v) => v.record.id))
  for (const tomb of theirs.tombstones) {
    if (theirIds.has(tomb.id)) continue // a damaged source could hold both; the item wins
    const oursV = ourItems.get(tomb.id)
    const ourTomb = ourTombs.get(tomb.id)
    if (oursV) {
      if (purgeCovers(tomb, oursV.record)) {
        tombstones.push(tomb)
        summary.deleted++
      } else {
        summary.unchanged++
      }
    } else if (!ourTomb || ourTomb.revision < tomb.revision) {
      if (!records.has(tomb.id)) {
        tombstones.push(tomb)
        summary.tombstones++
      }
    }
  }
  return { records: [...records.values()], tombstones, summary }
}

/** What a merge needs from the open vault it writes into. */
export type MergeTarget = Pick<ManagedVault, 'state' | 'applyChanges'>

/** Merges `theirs` into `vault` in one transaction: everything is written, or nothing. */
export function mergeInto(vault: MergeTarget, theirs: MergeSide): MergeSummary {
  const plan = planMerge(vault.state(), theirs)
  if (plan.records.length || plan.tombstones.length) {
    vault.applyChanges({ records: plan.records, tombstones: plan.tombstones })
  }
  return plan.summary
}
