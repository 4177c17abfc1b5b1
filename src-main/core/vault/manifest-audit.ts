// One pass of list() compared with the manifest: each authentic row is checked as it is read, and
// what no row could show (an entry whose row or tombstone is gone, an unverifiable manifest) is
// reported at the end. Without a verified manifest every authentic row is accepted.
import type { DamagedRow, Tombstone } from './item-types.ts'
import {
  MANIFEST_ROW_ID,
  MANIFEST_UNVERIFIED,
  manifestDisagreement,
  type Manifest,
} from './manifest.ts'

export class ManifestAudit {
  readonly #manifest: Manifest | null
  readonly #tombstones: ReadonlyMap<string, number>
  /** Ids of the item rows read; turned into a set only when some entry is unaccounted for. */
  readonly #seen: string[] = []
  /** Entries matched by a row or an authentic tombstone: all of them, in a healthy vault. */
  #accounted = 0

  /** `tombstones`: the authentic tombstone rows. */
  constructor(manifest: Manifest | null, tombstones: readonly Tombstone[]) {
    this.#manifest = manifest?.indexAll() ?? null
    this.#tombstones = new Map(tombstones.map((t) => [t.id, t.revision]))
    for (const t of tombstones) {
      const e = this.#manifest?.get(t.id)
      if (e?.kind === 'tombstone' && e.revision === t.revision) this.#accounted++
    }
  }

  /** Why this authentic item row disagrees with the manifest, or null when it agrees. */
  check(row: { id: string; revision: number }): string | null {
    if (!this.#manifest) return null
    this.#seen.push(row.id)
    const entry = this.#manifest.get(row.id)
    // A kind-2 entry is accounted for by its tombstone, never by a row.
    if (entry?.kind === 'item') this.#accounted++
    return manifestDisagreement(row, entry)
  }

  /** For a row that failed authentication: it is there, so its id is not also "missing". */
  saw(id: string): void {
    if (!this.#manifest) return
    this.#seen.push(id)
    if (this.#manifest.get(id)?.kind === 'item') this.#accounted++
  }

  /** Entries with no row, or a purged item whose tombstone is gone; or the manifest itself. */
  leftovers(): DamagedRow[] {
    if (!this.#manifest) return [{ id: MANIFEST_ROW_ID, reason: MANIFEST_UNVERIFIED }]
    if (this.#accounted === this.#manifest.size) return []
    const seen = new Set(this.#seen)
    const out: DamagedRow[] = []
    for (const [id, e] of this.#manifest.ids()) {
      if (seen.has(id)) continue
      if (e.kind === 'item') {
        out.push({
          id,
          reason: `missing: the vault manifest lists revision ${e.revision} but the row is gone (deleted outside Cairn)`,
        })
      } else if (this.#tombstones.get(id) !== e.revision) {
        out.push({
          id,
          reason: `purged, but its tombstone (revision ${e.revision} in the vault manifest) is missing or was replaced`,
        })
      }
    }
    return out
  }
}
