// The slot set: one row sealed with the state key listing every live key slot (id, kind, KDF and
// parameters, label, digest) and the ids of spent one-time codes and revoked slots. The slot rows
// themselves carry only a keyless digest, so without this a slot planted, edited or put back in
// the file (a spent code, a revoked recovery key) would be used. Layout: docs/vault-format.md 4.7.
import { AuthenticationError, open, seal, type AesKey, type Sealed } from '../crypto/aes-gcm.ts'
import { encodeFields } from './field-encoding.ts'
import type { SlotRow } from './key-slots.ts'
import { shownId } from './manifest.ts'

export interface LiveSlot {
  id: string
  kind: string
  kdf: string
  kdfParams: string
  label: string
  /** The slot row's digest, hex: covers every column but last_used_at. */
  digest: string
}

export interface SlotStateData {
  live: LiveSlot[]
  /** One-time codes that unlocked once. */
  spent: string[]
  /** Slots removed on purpose (revoked recovery keys, replaced passwords, discarded codes). */
  revoked: string[]
}

export function slotStateAad(vaultUuid: string): Buffer {
  return encodeFields(['cairn.slot-state.v2', vaultUuid])
}

export function liveSlot(row: SlotRow): LiveSlot {
  return {
    id: row.id,
    kind: row.kind,
    kdf: row.kdf,
    kdfParams: row.kdfParams,
    label: row.label,
    digest: row.digest.toString('hex'),
  }
}

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
/** Ids kept of spent and revoked slots: enough for years of use, bounded for a hostile file. */
export const MAX_RETIRED_IDS = 10_000

function isLiveSlot(v: unknown): v is LiveSlot {
  if (typeof v !== 'object' || v === null) return false
  const s = v as Record<string, unknown>
  return (
    typeof s.id === 'string' &&
    typeof s.kind === 'string' &&
    typeof s.kdf === 'string' &&
    typeof s.kdfParams === 'string' &&
    typeof s.label === 'string' &&
    typeof s.digest === 'string' &&
    /^[0-9a-f]{64}$/.test(s.digest)
  )
}

function isIdList(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((id) => typeof id === 'string' && ID.test(id))
}

/** An authenticated, verified slot set. Immutable: changes return a new one. */
export class SlotState {
  readonly live: ReadonlyMap<string, LiveSlot>
  readonly spent: ReadonlySet<string>
  readonly revoked: ReadonlySet<string>

  constructor(data: SlotStateData) {
    this.live = new Map(data.live.map((s) => [s.id, s]))
    this.spent = new Set(data.spent)
    this.revoked = new Set(data.revoked)
  }

  static parse(plaintext: Buffer): SlotState | null {
    let data: unknown
    try {
      data = JSON.parse(plaintext.toString('utf8'))
    } catch {
      return null
    }
    if (typeof data !== 'object' || data === null) return null
    const { live, spent, revoked } = data as Record<string, unknown>
    if (!Array.isArray(live) || !live.every(isLiveSlot)) return null
    if (!isIdList(spent) || !isIdList(revoked)) return null
    return new SlotState({ live, spent, revoked })
  }

  static of(rows: readonly SlotRow[]): SlotState {
    return new SlotState({ live: rows.map(liveSlot), spent: [], revoked: [] })
  }

  /** Why this slot row may not be used, or null when the set lists it exactly as it is. */
  refusal(row: SlotRow): string | null {
    if (this.spent.has(row.id)) return 'spent'
    if (this.revoked.has(row.id)) return 'revoked'
    const entry = this.live.get(row.id)
    if (!entry) return 'unlisted'
    const same =
      entry.kind === row.kind &&
      entry.kdf === row.kdf &&
      entry.kdfParams === row.kdfParams &&
      entry.label === row.label &&
      entry.digest === row.digest.toString('hex')
    return same ? null : 'altered'
  }

  /** Adds `added`, and retires `removed` ids as spent or revoked. */
  with(change: {
    added?: readonly SlotRow[]
    spent?: readonly string[]
    revoked?: readonly string[]
  }): SlotState {
    const gone = new Set([...(change.spent ?? []), ...(change.revoked ?? [])])
    const live = [...this.live.values()].filter((s) => !gone.has(s.id))
    live.push(...(change.added ?? []).map(liveSlot))
    const keep = (ids: Iterable<string>) => [...ids].slice(-MAX_RETIRED_IDS)
    return new SlotState({
      live,
      spent: keep([...this.spent, ...(change.spent ?? [])]),
      revoked: keep([...this.revoked, ...(change.revoked ?? [])]),
    })
  }

  seal(key: AesKey, vaultUuid: string): Sealed {
    const data: SlotStateData = {
      live: [...this.live.values()],
      spent: [...this.spent],
      revoked: [...this.revoked],
    }
    return seal(key, Buffer.from(JSON.stringify(data), 'utf8'), slotStateAad(vaultUuid))
  }
}

export interface SlotStateRow {
  nonce: Buffer
  ciphertext: Buffer
}

/** The slot set if the row authenticates under the state key and is well-formed, else null. */
export function openSlotState(key: AesKey, vaultUuid: string, row: SlotStateRow): SlotState | null {
  try {
    return SlotState.parse(open(key, row.nonce, row.ciphertext, slotStateAad(vaultUuid)))
  } catch (e) {
    if (e instanceof AuthenticationError || e instanceof RangeError) return null
    throw e
  }
}

export const SELECT_SLOT_STATE_SQL = 'SELECT nonce, ciphertext FROM slot_state WHERE singleton = 1'
export const UPSERT_SLOT_STATE_SQL =
  'INSERT OR REPLACE INTO slot_state (singleton, nonce, ciphertext) VALUES (1, @nonce, @ciphertext)'

/** What a person is told about a slot the set refuses. */
export function refusalText(row: Pick<SlotRow, 'id' | 'kind'>, refusal: string): string {
  const id = shownId(row.id)
  switch (refusal) {
    case 'spent':
      return `one-time code slot ${id} was already used; its row was put back into the file and is ignored`
    case 'revoked':
      return `${row.kind} slot ${id} was revoked; its row was put back into the file and is ignored`
    case 'altered':
      return `${row.kind} slot ${id} differs from the vault's authenticated slot set and is ignored`
    default:
      return `${row.kind} slot ${id} is not in the vault's authenticated slot set (added outside Cairn) and is ignored`
  }
}
