// The key slots of one open vault file and the authenticated slot set that says which of them may
// be used: reading the live slots, adding, revoking and replacing them, and the slot side of key
// rotation and of accepting the current contents. Like the item store it holds no key: the
// session passes its state key (and, to wrap, the vault key) to each call.
import type { KeyObject } from 'node:crypto'
import { wipe } from '../crypto/wipe.ts'
import { CairnError } from '../errors.ts'
import { ARGON2_FLOOR, isAtLeastFloor, validateNewArgon2Params } from '../kdf/argon2-params.ts'
import { calibrateArgon2 } from '../kdf/calibrate.ts'
import {
  DELETE_ALL_SLOTS_SQL,
  DELETE_SLOT_SQL,
  INSERT_SLOT_SQL,
  SELECT_SLOTS_SQL,
  createSlot,
  credentialSecret,
  isKnownSlotKind,
  type SlotKdf,
  type SlotRow,
} from './key-slots.ts'
import { isCanonicalId } from './manifest.ts'
import {
  SELECT_SLOT_STATE_SQL,
  SlotState,
  UPSERT_SLOT_STATE_SQL,
  openSlotState,
  refusalText,
  type SlotStateRow,
} from './slot-state.ts'
import { STATE_UNVERIFIED } from './item-store.ts'
import type { Db } from './sqlite-file.ts'
import type { Credential, SlotKind, SlotOptions } from './vault-api.ts'

export const KEY_CHANGED_ELSEWHERE =
  "This vault's key was changed elsewhere (or its slot set was damaged): unlock it again"

const LAST_PASSWORD = 'The master password slot cannot be removed; change the password instead'

export const DEFAULT_LABELS: Record<SlotKind, string> = {
  password: 'Master password',
  'recovery-key': 'Recovery key',
  'one-time-code': 'One-time code',
}

/**
 * The KDF for a new slot. Passwords get parameters calibrated to about a second; one-time codes the
 * floor (an unlock may have to try every code slot); recovery keys, being 256 random bits, HKDF.
 * HKDF is for recovery keys only, and createSlot also refuses one shorter than 32 bytes.
 */
export async function resolveSlotKdf(kind: SlotKind, o: SlotOptions): Promise<SlotKdf> {
  const family = o.kdf ?? (kind === 'recovery-key' ? 'hkdf-sha256' : 'argon2id')
  if (family === 'hkdf-sha256') {
    if (kind !== 'recovery-key') {
      throw new CairnError(
        'INVALID_ARGUMENT',
        `A ${kind.replace(/-/g, ' ')} slot must use Argon2id: hkdf-sha256 is for generated recovery keys only`,
      )
    }
    return { name: 'hkdf-sha256' }
  }
  if (o.unsafeKdfParamsForTests) {
    return {
      name: 'argon2id',
      params: validateNewArgon2Params(o.unsafeKdfParamsForTests, { allowBelowFloor: true }),
    }
  }
  if (o.kdfParams) return { name: 'argon2id', params: validateNewArgon2Params(o.kdfParams) }
  if (kind === 'one-time-code') return { name: 'argon2id', params: { ...ARGON2_FLOOR } }
  return { name: 'argon2id', params: (await calibrateArgon2()).params }
}

/**
 * The KDF for a new master-password slot: the parameters asked for, else those of the
 * authenticated slot the session was unlocked with (`origin`) when they meet the RFC 9106 floor,
 * else a fresh calibration. Never the parameters of any other row in the file: a planted slot
 * could otherwise make the next password cheap to guess.
 */
export async function newPasswordKdf(
  origin: SlotKdf | null | undefined,
  options: SlotOptions,
): Promise<SlotKdf> {
  if (options.kdfParams || options.unsafeKdfParamsForTests) {
    return resolveSlotKdf('password', options)
  }
  if (origin?.name === 'argon2id' && isAtLeastFloor(origin.params)) return origin
  return resolveSlotKdf('password', {})
}

/** A new slot row wrapping `vaultKey` for `credential` (the KDF runs here: seconds for a password). */
export async function newSlotRow(
  vaultUuid: string,
  vaultKey: Uint8Array,
  credential: Credential,
  options: SlotOptions,
  kdf?: SlotKdf,
): Promise<SlotRow> {
  if (options.slotId !== undefined && !isCanonicalId(options.slotId)) {
    throw new CairnError('INVALID_ARGUMENT', 'A slot id must be a lower-case UUID')
  }
  const slotKdf = kdf ?? (await resolveSlotKdf(credential.kind, options))
  const secret = credentialSecret(credential)
  try {
    if (secret.length === 0) throw new CairnError('INVALID_ARGUMENT', 'The credential is empty')
    return await createSlot(vaultUuid, vaultKey, {
      id: options.slotId,
      kind: credential.kind,
      label: options.label ?? DEFAULT_LABELS[credential.kind],
      secret,
      kdf: slotKdf,
      createdAt: Date.now(),
    })
  } finally {
    wipe(secret)
  }
}

export interface SlotStoreContext {
  vaultUuid: string
  /** The slot that unlocked this session: the only one trusted while the slot set is unverified. */
  unlockedWithId: string
  /**
   * False when the slot set could not be verified at unlock: it then counts as absent until the
   * contents are accepted, rather than as a key changed elsewhere.
   */
  slotSetVerified: boolean
  /** Tells the person about a slot row the slot set refuses. */
  notice: (text: string) => void
}

export class SlotStore {
  readonly #db: Db
  readonly #c: SlotStoreContext
  /** The slot set this store last verified or wrote, with the nonce it was stored under. */
  #cache: { nonce: Buffer; state: SlotState } | null = null

  constructor(db: Db, context: SlotStoreContext) {
    this.#db = db
    this.#c = context
  }

  forget(): void {
    this.#cache = null
  }

  /**
   * The stored slot set, or null when the row is missing. Throws CONFLICT when a row is there but
   * does not open with the session's key (rotated elsewhere, or damaged). Run before every read
   * and write: another process that rotated the key resealed it, and this session must neither
   * write rows nobody can read nor report every row as damaged.
   */
  stateOrNull(stateKey: KeyObject): SlotState | null {
    const row = this.#db.prepare(SELECT_SLOT_STATE_SQL).get() as SlotStateRow | undefined
    if (!row) return null
    if (this.#cache?.nonce.equals(row.nonce)) return this.#cache.state
    const state = openSlotState(stateKey, this.#c.vaultUuid, row)
    if (!state) {
      if (!this.#c.slotSetVerified) return null
      throw new CairnError('CONFLICT', KEY_CHANGED_ELSEWHERE)
    }
    this.#cache = { nonce: row.nonce, state }
    return state
  }

  /** The verified slot set; a vault without one takes no slot changes until accepted. */
  state(stateKey: KeyObject): SlotState {
    const state = this.stateOrNull(stateKey)
    if (!state) throw new CairnError('DAMAGED_FILE', STATE_UNVERIFIED)
    return state
  }

  #put(state: SlotState, stateKey: KeyObject): void {
    const row = state.seal(stateKey, this.#c.vaultUuid)
    this.#db.prepare(UPSERT_SLOT_STATE_SQL).run(row)
    this.#cache = { nonce: row.nonce, state }
  }

  #rows(): SlotRow[] {
    return this.#db.prepare(SELECT_SLOTS_SQL).all() as SlotRow[]
  }

  /** The slot rows the authenticated slot set lists exactly as they are; the others are reported. */
  liveRows(stateKey: KeyObject): SlotRow[] {
    const state = this.stateOrNull(stateKey)
    const rows = this.#rows().filter((r) => isKnownSlotKind(r.kind))
    if (!state) return rows.filter((r) => r.id === this.#c.unlockedWithId)
    return rows.filter((r) => {
      const refusal = state.refusal(r)
      if (refusal) this.#c.notice(refusalText(r, refusal))
      return refusal === null
    })
  }

  /**
   * Revokes one slot (inside the session's write). The last password slot cannot be removed:
   * every vault keeps a master password, so spending a one-time code never leaves it without slots.
   */
  remove(stateKey: KeyObject, slotId: string): void {
    const state = this.state(stateKey)
    const slot = this.#rows().find((r) => r.id === slotId)
    if (!slot || state.refusal(slot) !== null) {
      throw new CairnError('NOT_FOUND', `No key slot with id ${slotId}`)
    }
    const passwords = [...state.live.values()].filter((s) => s.kind === 'password').length
    if (slot.kind === 'password' && passwords <= 1) throw new CairnError('CONFLICT', LAST_PASSWORD)
    this.#db.prepare(DELETE_SLOT_SQL).run(slotId)
    this.#put(state.with({ revoked: [slotId] }), stateKey)
  }

  /**
   * Stores `added`, revokes `remove` and, with `replacePasswords`, every live password slot
   * (inside the session's write). A master password always remains.
   */
  apply(
    stateKey: KeyObject,
    change: { added: readonly SlotRow[]; remove: readonly string[]; replacePasswords: boolean },
  ): void {
    const state = this.state(stateKey)
    const live = this.#rows().filter((r) => state.refusal(r) === null)
    const revoked: string[] = []
    for (const id of change.remove) {
      if (!live.some((r) => r.id === id)) {
        throw new CairnError('NOT_FOUND', `No key slot with id ${id}`)
      }
      revoked.push(id)
    }
    if (change.replacePasswords) {
      for (const r of live) if (r.kind === 'password') revoked.push(r.id)
    }
    const gone = new Set(revoked)
    for (const id of gone) this.#db.prepare(DELETE_SLOT_SQL).run(id)
    for (const row of change.added) this.#db.prepare(INSERT_SLOT_SQL).run(row)
    const passwords =
      live.filter((r) => r.kind === 'password' && !gone.has(r.id)).length +
      change.added.filter((r) => r.kind === 'password').length
    if (passwords === 0) throw new CairnError('CONFLICT', LAST_PASSWORD)
    this.#put(state.with({ added: change.added, revoked: [...gone] }), stateKey)
  }

  /** Key rotation: every old slot destroyed, `slots` (wrapping the new key) the only live ones. */
  replaceAll(newStateKey: KeyObject, slots: readonly SlotRow[]): void {
    const old = this.#rows().map((r) => r.id)
    this.#db.prepare(DELETE_ALL_SLOTS_SQL).run()
    for (const slot of slots) this.#db.prepare(INSERT_SLOT_SQL).run(slot)
    this.#put(
      new SlotState({ live: [], spent: [], revoked: old }).with({ added: slots }),
      newStateKey,
    )
  }

  /**
   * Accepting the current contents: slot rows the authenticated slot set refuses are deleted.
   * When the set itself cannot be verified, nothing says which slots are genuine: only the slot
   * the session was unlocked with is kept (a master password: unlock allows no other kind then).
   */
  acceptCurrent(stateKey: KeyObject): { removedSlots: number; slotSetRebuilt: boolean } {
    const rows = this.#rows()
    const current = this.stateOrNull(stateKey)
    const keep = current
      ? rows.filter((r) => current.refusal(r) === null)
      : rows.filter((r) => r.id === this.#c.unlockedWithId)
    if (!keep.some((r) => r.kind === 'password')) {
      throw new CairnError(
        'CONFLICT',
        'No verified master-password slot would remain: unlock with the master password and try again',
      )
    }
    const kept = new Set(keep.map((r) => r.id))
    const drop = rows.filter((r) => !kept.has(r.id))
    for (const r of drop) this.#db.prepare(DELETE_SLOT_SQL).run(r.id)
    if (!current) this.#put(SlotState.of(keep), stateKey)
    return { removedSlots: drop.length, slotSetRebuilt: !current }
  }
}
