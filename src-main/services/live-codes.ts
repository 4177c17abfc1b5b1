// Live 2FA codes for the renderer: TOTP by the clock (with the next code), HOTP only on request
// (each code uses up a counter value, advanced durably), and a login's code through its link to a
// key that may live in another vault.
import type {
  CodeInfo,
  CodeUnavailableReason,
  HotpCode,
  OtpKeySource,
  OtpPreview,
} from '../../src-shared/ipc-contract.ts'
import { CairnError, isCairnError } from '../core/errors.ts'
import { codeToCopy, type CodeToCopy } from '../core/otp/code-to-copy.ts'
import { sameOtpSecret } from '../core/otp/same-secret.ts'
import { displayTitle } from '../core/vault/item-title.ts'
import type { OtpKey } from '../core/otp/otp-types.ts'
import { otpKeyOf, type ItemRecord, type OtpData } from '../core/vault/item-types.ts'
import type { UnlockedVault } from '../core/vault/vault-api.ts'
import type { OtpEngine } from './core-ports.ts'
import type { EventBus } from './event-bus.ts'
import { keyFromSource } from './item-input.ts'
import type { VaultSessions } from './vault-sessions.ts'
import type { SessionId, VaultUuid } from '../../src-shared/ids.ts'

export interface LiveCodesOptions {
  sessions: VaultSessions
  events: EventBus
  otp: OtpEngine
  now?: () => number
}

/** Where the 2FA key behind an item lives: itself, or the key a login links to. */
type KeyLookup =
  | {
      found: true
      vaultId: SessionId
      vault: UnlockedVault
      record: ItemRecord & { data: OtpData }
    }
  | { found: false; reason: CodeUnavailableReason }

export class LiveCodes {
  #options: LiveCodesOptions
  #now: () => number

  constructor(options: LiveCodesOptions) {
    this.#options = options
    this.#now = options.now ?? Date.now
  }

  get #otp(): OtpEngine {
    return this.#options.otp
  }

  get(vaultId: SessionId, itemIds: readonly string[]): CodeInfo[] {
    const now = this.#now()
    return itemIds.map((itemId) => this.#codeFor(vaultId, itemId, now))
  }

  #codeFor(vaultId: SessionId, itemId: string, now: number): CodeInfo {
    const lookup = this.#lookup(vaultId, itemId)
    if (!lookup.found) return { status: 'unavailable', vaultId, itemId, reason: lookup.reason }
    const key = otpKeyOf(lookup.record.data)
    if (key.kind === 'hotp') {
      return { status: 'hotp', vaultId, itemId, counter: key.counter, digits: key.digits }
    }
    const current = this.#otp.currentCode(key, now)
    const start = (current.periodStart ?? 0) * 1000
    return {
      status: 'totp',
      vaultId,
      itemId,
      code: current.code,
      nextCode: current.nextCode,
      period: key.period,
      validFrom: start,
      validUntil: start + key.period * 1000,
      digits: key.digits,
    }
  }

  /** The code at the stored counter; the counter moves on first, so a crash never reuses one. */
  hotpNext(vaultId: SessionId, itemId: string): HotpCode {
    const lookup = this.#lookup(vaultId, itemId)
    if (!lookup.found) throw unavailable(lookup.reason)
    const { vault, record } = lookup
    const key = otpKeyOf(record.data)
    if (key.kind !== 'hotp') throw new CairnError('INVALID_ARGUMENT', 'This is not an HOTP key.')
    const code = this.#otp.hotpCode(key, key.counter)
    vault.update(record.id, { ...record.data, counter: key.counter + 1 }, record.revision)
    this.#options.events.emit({ type: 'items-changed', vaultId: lookup.vaultId })
    return { code, counter: key.counter }
  }

  /** The code a copy hands out (see core/otp/code-to-copy.ts); HOTP advances the counter first. */
  codeToCopy(vaultId: SessionId, itemId: string): CodeToCopy {
    const lookup = this.#lookup(vaultId, itemId)
    if (!lookup.found) throw unavailable(lookup.reason)
    const chosen = codeToCopy(otpKeyOf(lookup.record.data), this.#now())
    if (chosen.which === 'hotp') this.hotpNext(lookup.vaultId, lookup.record.id)
    return chosen
  }

  preview(source: OtpKeySource): OtpPreview {
    return this.previewKey(keyFromSource(source, this.#options.otp))
  }

  previewKey(key: OtpKey): OtpPreview {
    const current = this.#otp.currentCode(key, this.#now())
    const { secret: _secret, ...params } = key
    return {
      ...params,
      code: current.code,
      validUntil: current.periodStart === null ? null : (current.periodStart + key.period) * 1000,
      alreadyIn: this.#keysWithSecret(key.secret),
    }
  }

  /** The live 2FA keys of every unlocked vault that hold this secret (compared here, in main). */
  #keysWithSecret(secret: string): NonNullable<OtpPreview['alreadyIn']> {
    const { sessions } = this.#options
    return sessions
      .list()
      .filter((v) => v.state === 'unlocked')
      .flatMap((v) =>
        sessions
          .unlocked(v.id)
          .list()
          .items.filter((r) => r.data.type === 'otp' && sameOtpSecret(r.data.secret, secret))
          .map((r) => ({
            vaultId: v.id,
            vaultName: v.name,
            itemId: r.id,
            title: displayTitle(r.data),
          })),
      )
  }

  #lookup(vaultId: SessionId, itemId: string): KeyLookup {
    const vault = this.#unlockedOrNull(vaultId)
    if (!vault) return { found: false, reason: 'vault-locked' }
    const record = getOrNull(vault, itemId)
    if (!record || record.deletedAt !== null) return { found: false, reason: 'not-found' }
    const data = record.data
    if (data.type === 'otp') return { found: true, vaultId, vault, record: { ...record, data } }
    if (data.type !== 'login' || !data.otpLink) return { found: false, reason: 'no-otp' }
    const target = this.#options.sessions.findByVaultUuid(data.otpLink.vaultId as VaultUuid)
    if (!target) return { found: false, reason: 'linked-missing' }
    if (target.state === 'locked') return { found: false, reason: 'linked-vault-locked' }
    const linkedVault = this.#options.sessions.unlocked(target.id)
    const linked = getOrNull(linkedVault, data.otpLink.itemId)
    if (!linked || linked.deletedAt !== null || linked.data.type !== 'otp') {
      return { found: false, reason: 'linked-missing' }
    }
    return {
      found: true,
      vaultId: target.id,
      vault: linkedVault,
      record: { ...linked, data: linked.data },
    }
  }

  #unlockedOrNull(vaultId: SessionId): UnlockedVault | null {
    try {
      return this.#options.sessions.unlocked(vaultId)
    } catch (error) {
      if (isCairnError(error, 'LOCKED')) return null
      throw error
    }
  }
}

function getOrNull(vault: UnlockedVault, itemId: string): ItemRecord | null {
  try {
    return vault.get(itemId)
  } catch (error) {
    if (isCairnError(error, 'NOT_FOUND')) return null
    throw error
  }
}

const REASONS: Record<CodeUnavailableReason, string> = {
  'vault-locked': 'The vault is locked.',
  'linked-vault-locked': 'Unlock the vault that holds the linked 2FA key to see its code.',
  'linked-missing': 'The linked 2FA key is not in any open vault.',
  'not-found': 'That item does not exist (or is in the trash).',
  'no-otp': 'This item has no 2FA key.',
}

function unavailable(reason: CodeUnavailableReason): CairnError {
  const code =
    reason === 'vault-locked' || reason === 'linked-vault-locked' ? 'LOCKED' : 'NOT_FOUND'
  return new CairnError(reason === 'no-otp' ? 'NOT_OTP' : code, REASONS[reason])
}
