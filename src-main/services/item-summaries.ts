// What the renderer may see of an item without asking for a secret: summaries for the list and
// details for the detail pane. Passwords, secret fields, 2FA secrets, recovery codes and a secure
// note's body stay out; they are revealed one at a time on request.
import type {
  ItemDetail,
  ItemSummary,
  OtpLinkRef,
  OtpParams,
} from '../../src-shared/ipc-contract.ts'
import type { ItemRecord } from '../core/vault/item-types.ts'
import { displayTitle } from '../core/vault/item-title.ts'
import type { SessionId, VaultUuid } from '../../src-shared/ids.ts'

export { displayTitle }

export function summarize(vaultId: SessionId, record: ItemRecord): ItemSummary {
  const data = record.data
  let otp: OtpParams | null = null
  let otpLink: OtpLinkRef | null = null
  let recoveryCodes: ItemSummary['recoveryCodes'] = null
  if (data.type === 'otp') {
    const { kind, algorithm, digits, period, counter, encoder } = data
    otp = { kind, algorithm, digits, period, counter, encoder }
  }
  if (data.type === 'login' && data.otpLink) {
    otpLink = { vaultUuid: data.otpLink.vaultId as VaultUuid, itemId: data.otpLink.itemId }
  }
  if (data.type === 'recovery-codes') {
    recoveryCodes = { total: data.codes.length, used: data.codes.filter((c) => c.used).length }
  }
  return {
    vaultId,
    id: record.id,
    kind: data.type,
    revision: record.revision,
    title: displayTitle(data),
    issuer: data.type === 'otp' || data.type === 'recovery-codes' ? data.issuer : '',
    account: data.type === 'otp' ? data.account : '',
    username: data.type === 'login' ? data.username : '',
    urls: data.type === 'login' ? [...data.urls] : [],
    tags: [...data.tags],
    favourite: data.favourite === true,
    group: data.group ? [...data.group] : [],
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    deletedAt: record.deletedAt,
    otp,
    otpLink,
    hasPassword: data.type === 'login' && data.password !== '',
    recoveryCodes,
  }
}

export function describe(
  vaultId: SessionId,
  record: ItemRecord,
  otpLinkTarget: ItemDetail['otpLinkTarget'],
): ItemDetail {
  const data = record.data
  return {
    ...summarize(vaultId, record),
    storedTitle: data.title,
    notes: data.type === 'note' ? '' : data.notes,
    fields:
      data.type === 'login'
        ? data.fields.map((f) => ({
            name: f.name,
            secret: f.secret,
            value: f.secret ? null : f.value,
          }))
        : [],
    passwordHistoryCount: data.type === 'login' ? data.passwordHistory.length : 0,
    otpLinkTarget,
  }
}
