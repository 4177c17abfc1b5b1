// Items of the open vaults as the app sees them: summaries and details without secrets, one
// secret at a time on request, and every write (add, edit, trash, restore, purge).
import type {
  CopyRef,
  ItemDetail,
  ItemFilter,
  ItemInput,
  ItemList,
  ItemSummary,
  PasswordHistoryItem,
  RecoveryCode,
  SecretRef,
} from '../../src-shared/ipc-contract.ts'
import { buildSearchIndex, searchItems } from '../../src-shared/item-search.ts'
import { CairnError } from '../core/errors.ts'
import { otpKeyOf, type ItemData, type ItemRecord } from '../core/vault/item-types.ts'
import { keepGroups } from '../core/vault/vault-groups.ts'
import type { OtpEngine } from './core-ports.ts'
import type { EventBus } from './event-bus.ts'
import { toItemData } from './item-input.ts'
import { describe, displayTitle, summarize } from './item-summaries.ts'
import type { LiveCodes } from './live-codes.ts'
import type { VaultSessions } from './vault-sessions.ts'
import type { SessionId, VaultUuid } from '../../src-shared/ids.ts'

export interface VaultItemsOptions {
  sessions: VaultSessions
  codes: LiveCodes
  events: EventBus
  otp: OtpEngine
  now?: () => number
}

function nothing(what: string): never {
  throw new CairnError('NOT_FOUND', `This item has no ${what}.`)
}

export class VaultItems {
  #options: VaultItemsOptions
  #now: () => number

  constructor(options: VaultItemsOptions) {
    this.#options = options
    this.#now = options.now ?? Date.now
  }

  list(vaultId: SessionId): ItemList {
    const result = this.#vault(vaultId).list({ includeTrash: true })
    return {
      items: result.items.map((record) => summarize(vaultId, record)),
      damaged: result.damaged.map((d) => ({ id: d.id, reason: d.reason })),
    }
  }

  /** Items of every unlocked vault that match `query` and `filter`, vault by vault. */
  search(query: string, filter: ItemFilter): ItemSummary[] {
    return this.#options.sessions
      .list()
      .filter((v) => v.state === 'unlocked')
      .flatMap((v) => searchItems(buildSearchIndex(this.list(v.id).items), query, filter))
  }

  detail(vaultId: SessionId, itemId: string): ItemDetail {
    const record = this.#get(vaultId, itemId)
    return describe(vaultId, record, this.#linkTarget(record.data))
  }

  #linkTarget(data: ItemData): ItemDetail['otpLinkTarget'] {
    if (data.type !== 'login' || !data.otpLink) return null
    const { sessions } = this.#options
    const target = sessions.findByVaultUuid(data.otpLink.vaultId as VaultUuid)
    if (!target) return { state: 'missing', vaultName: null, title: null }
    if (target.state === 'locked') return { state: 'locked', vaultName: target.name, title: null }
    try {
      const linked = sessions.unlocked(target.id).get(data.otpLink.itemId)
      if (linked.deletedAt !== null) throw new CairnError('NOT_FOUND', 'trashed')
      return { state: 'unlocked', vaultName: target.name, title: displayTitle(linked.data) }
    } catch {
      return { state: 'missing', vaultName: target.name, title: null }
    }
  }

  reveal(vaultId: SessionId, itemId: string, ref: SecretRef): string {
    const data = this.#get(vaultId, itemId).data
    switch (ref.kind) {
      case 'password':
        return data.type === 'login' ? data.password : nothing('password')
      case 'field': {
        const f = data.type === 'login' ? data.fields[ref.index] : undefined
        return f ? f.value : nothing('such field')
      }
      case 'history': {
        const h = data.type === 'login' ? data.passwordHistory[ref.index] : undefined
        return h ? h.password : nothing('such old password')
      }
      case 'otp-secret':
        return data.type === 'otp' ? data.secret : nothing('2FA key')
      case 'otp-uri': {
        if (data.type !== 'otp') nothing('2FA key')
        return this.#options.otp.formatOtpauthUri(otpKeyOf(data))
      }
      case 'note-body':
        return data.type === 'note' ? data.body : nothing('note text')
    }
  }

  /** The text `ref` points at, for the clipboard (main copies it; the renderer never sees it). */
  textToCopy(vaultId: SessionId, itemId: string, ref: CopyRef): string {
    switch (ref.kind) {
      case 'code':
        return this.#options.codes.codeToCopy(vaultId, itemId).code
      case 'username': {
        const data = this.#get(vaultId, itemId).data
        if (data.type === 'login' && data.username) return data.username
        if (data.type === 'otp' && data.account) return data.account
        return nothing('username')
      }
      case 'url': {
        const data = this.#get(vaultId, itemId).data
        const url = data.type === 'login' ? data.urls[ref.index] : undefined
        return url ?? nothing('such URL')
      }
      case 'recovery-code': {
        const data = this.#get(vaultId, itemId).data
        const code = data.type === 'recovery-codes' ? data.codes[ref.index] : undefined
        return code ? code.code : nothing('such recovery code')
      }
      default:
        return this.reveal(vaultId, itemId, ref)
    }
  }

  recoveryCodes(vaultId: SessionId, itemId: string): RecoveryCode[] {
    const data = this.#get(vaultId, itemId).data
    if (data.type !== 'recovery-codes') nothing('recovery codes')
    return data.codes.map((c) => ({ code: c.code, used: c.used }))
  }

  passwordHistory(vaultId: SessionId, itemId: string): PasswordHistoryItem[] {
    const data = this.#get(vaultId, itemId).data
    return data.type === 'login'
      ? data.passwordHistory.map((h) => ({ replacedAt: h.replacedAt }))
      : []
  }

  create(vaultId: SessionId, input: ItemInput): ItemSummary {
    const vault = this.#vault(vaultId)
    const record = vault.add(toItemData(input, null, this.#options.otp, this.#now()))
    keepGroups(vault, record.data.group)
    return this.#written(vaultId, record)
  }

  update(
    vaultId: SessionId,
    itemId: string,
    expectedRevision: number,
    input: ItemInput,
  ): ItemSummary {
    const vault = this.#vault(vaultId)
    const stored = vault.get(itemId)
    if (stored.revision !== expectedRevision) {
      throw new CairnError('CONFLICT', 'This item was changed meanwhile: reopen it and edit again.')
    }
    const data = toItemData(input, stored.data, this.#options.otp, this.#now())
    const record = vault.update(itemId, data, expectedRevision)
    // Groups stay until deleted: the one the item left, and one typed in the editor.
    keepGroups(vault, stored.data.group, record.data.group)
    return this.#written(vaultId, record)
  }

  setFavourite(vaultId: SessionId, itemId: string, favourite: boolean): ItemSummary {
    const vault = this.#vault(vaultId)
    const stored = vault.get(itemId)
    if (Boolean(stored.data.favourite) === favourite) return summarize(vaultId, stored)
    const { favourite: _f, ...rest } = stored.data
    const data: ItemData = favourite ? { ...rest, favourite: true } : rest
    return this.#written(vaultId, vault.update(itemId, data, stored.revision))
  }

  trash(vaultId: SessionId, itemId: string): ItemSummary {
    return this.#written(vaultId, this.#vault(vaultId).trash(itemId))
  }

  restore(vaultId: SessionId, itemId: string): ItemSummary {
    return this.#written(vaultId, this.#vault(vaultId).restore(itemId))
  }

  purge(vaultId: SessionId, itemId: string): void {
    const vault = this.#vault(vaultId)
    if (vault.get(itemId).deletedAt === null) {
      throw new CairnError(
        'INVALID_ARGUMENT',
        'Move the item to the trash before deleting it for good.',
      )
    }
    vault.purge(itemId)
    this.#options.events.emit({ type: 'items-changed', vaultId })
  }

  #written(vaultId: SessionId, record: ItemRecord): ItemSummary {
    this.#options.events.emit({ type: 'items-changed', vaultId })
    return summarize(vaultId, record)
  }

  #vault(vaultId: SessionId) {
    return this.#options.sessions.unlocked(vaultId)
  }

  #get(vaultId: SessionId, itemId: string): ItemRecord {
    return this.#vault(vaultId).get(itemId)
  }
}
