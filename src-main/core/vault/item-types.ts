// The plaintext model of vault items. Everything in ItemData is encrypted as one JSON document per
// row; only ItemRecord's id, revision, timestamps and deletion mark are stored in the clear.
import type { OtpKey } from '../otp/otp-types.ts'

export type ItemType = ItemData['type']

export interface CustomField {
  name: string
  value: string
  /** Hidden behind a reveal in the UI, like a password. */
  secret: boolean
}

export interface PasswordHistoryEntry {
  password: string
  /** Unix milliseconds when this password was replaced. */
  replacedAt: number
}

/** A login may show the live code of a 2FA key kept in another (or the same) vault. */
export interface OtpLink {
  vaultId: string
  itemId: string
}

/** What every kind may carry besides its own fields. */
export interface ItemMarks {
  /** Starred by the person; absent (never false) when not, so older rows stay canonical. */
  favourite?: boolean
  /**
   * The group the item sits in, as names from the top ("Work", "Servers"); absent (never empty)
   * at the top level, so older rows stay canonical. See group-path.ts for what a name may be.
   */
  group?: string[]
}

export interface LoginData extends ItemMarks {
  type: 'login'
  title: string
  username: string
  password: string
  urls: string[]
  notes: string
  tags: string[]
  fields: CustomField[]
  passwordHistory: PasswordHistoryEntry[]
  otpLink: OtpLink | null
}

export interface OtpData extends OtpKey, ItemMarks {
  type: 'otp'
  /** Optional display name; the UI falls back to issuer and account. */
  title: string
  notes: string
  tags: string[]
}

/**
 * The 2FA key inside an OTP item. The fields are named one by one, so a field added to OtpData
 * (display or organising data) never slips into the key handed to the code generator or an export.
 */
export function otpKeyOf(data: OtpData): OtpKey {
  const { kind, secret, issuer, account, algorithm, digits, period, counter, encoder } = data
  return { kind, secret, issuer, account, algorithm, digits, period, counter, encoder }
}

export interface RecoveryCode {
  code: string
  used: boolean
}

export interface RecoveryCodesData extends ItemMarks {
  type: 'recovery-codes'
  title: string
  issuer: string
  codes: RecoveryCode[]
  notes: string
  tags: string[]
}

export interface NoteData extends ItemMarks {
  type: 'note'
  title: string
  body: string
  tags: string[]
}

export type ItemData = LoginData | OtpData | RecoveryCodesData | NoteData

/**
 * A group kept even while no item is in it (a KeePass user creates a group, then fills it). Its
 * path is as secret as any field, so it is a row of its own, encrypted like an item; a group that
 * holds items exists through them too, with or without such a row.
 */
export interface GroupData {
  type: 'group'
  path: string[]
}

/** What one encrypted row holds: an item, or a group kept for its own sake. */
export type RowData = ItemData | GroupData

/** The clear columns of a row. */
export interface RecordHeader {
  /** Random UUID, stable across copies of a vault (merge matches on it). */
  id: string
  /** Starts at 1, +1 on every write. Bound into the row's associated data. */
  revision: number
  /** Unix milliseconds. */
  createdAt: number
  updatedAt: number
  /** Unix milliseconds when moved to trash; null when live. */
  deletedAt: number | null
}

export interface ItemRecord extends RecordHeader {
  data: ItemData
}

export interface GroupRecord extends RecordHeader {
  data: GroupData
}

/** Any row: restore, merge and backups carry both kinds alike. */
export type StoredRecord = ItemRecord | GroupRecord

export function isGroupRecord(r: StoredRecord): r is GroupRecord {
  return r.data.type === 'group'
}

export function isItemRecord(r: StoredRecord): r is ItemRecord {
  return r.data.type !== 'group'
}

/** What remains of a purged item, so a merge can apply the deletion to another copy. */
export interface Tombstone {
  id: string
  revision: number
  purgedAt: number
}

/**
 * A row that failed authentication or decoding, or that the vault manifest says was rolled back,
 * deleted or never written by Cairn: reported by id, never hiding the healthy rows. The id is the
 * word "manifest" when the manifest itself cannot be verified.
 */
export interface DamagedRow {
  id: string
  reason: string
}
