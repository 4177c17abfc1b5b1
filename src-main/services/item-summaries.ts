// What the renderer may see of an item without asking for a secret: summaries for the list and
// details for the detail pane. Passwords, secret fields, 2FA secrets, recovery codes and a secure
// note's body stay out; they are revealed one at a time on request.
import type {
  ItemDetail,
  ItemSummary,
  OtpLinkRef,
  OtpParams,
} from '../../src-shared/ipc-contract.ts'
import type { ItemData, ItemRecord } from '../core/vault/item-types.ts'
import type { SessionId, VaultUuid } from '../../src-shared/ids.ts'

export function displayTitle(data: ItemData): string {
  if (data.title.trim()) return data.title.trim()
  switch (data.type) {
    case 'otp':
      return data.issuer || data.account || 'Untitled 2FA key'
    case 'recovery-codes':
      return data.issuer ? `${data.issuer} recovery codes` : 'Untitled recovery codes'
    case 'login':
      return data.urls[0] ? hostOf(data.urls[0]) : data.username || 'Untitled login'
    case 'note':
      return 'Untitled note'
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url.includes('://') ? url : `https://${url}`).hostname || url
  } catch {
    return url
  }
}

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
