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
  readonly #seen = new Set<string>()

  /** `tombstones`: the authentic tombstone rows. */
  constructor(manifest: Manifest | null, tombstones: readonly Tombstone[]) {
    this.#manifest = manifest?.indexAll() ?? null
    this.#tombstones = new Map(tombstones.map((t) => [t.id, t.revision]))
  }

  /** Why this authentic item row disagrees with the manifest, or null when it agrees. */
  check(row: { id: string; revision: number }): string | null {
    if (!this.#manifest) return null
    this.#seen.add(row.id)
    return manifestDisagreement(row, this.#manifest.get(row.id))
  }

  /** Call after every row was checked (damaged ones too, through `saw`). */
  saw(id: string): void {
    this.#seen.add(id)
  }

  /** Entries with no row, or a purged item whose tombstone is gone; or the manifest itself. */
  leftovers(): DamagedRow[] {
    if (!this.#manifest) return [{ id: MANIFEST_ROW_ID, reason: MANIFEST_UNVERIFIED }]
    const out: DamagedRow[] = []
    for (const [id, e] of this.#manifest.ids()) {
      if (this.#seen.has(id)) continue
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
