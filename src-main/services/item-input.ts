// Turns what an add or edit dialog sends (ItemInput) into the vault's ItemData. On an edit, a
// secret the dialog did not send (password, secret field, 2FA key, codes, note body) keeps its
// stored value, so the renderer never has to hold secrets it did not ask to see.
import type {
  FieldInput,
  ItemInput,
  LoginInput,
  OtpInput,
  OtpKeySource,
  RecoveryCodesInput,
} from '../../src-shared/ipc-contract.ts'
import { CairnError } from '../core/errors.ts'
import type { OtpKey } from '../core/otp/otp-types.ts'
import {
  otpKeyOf,
  type CustomField,
  type ItemData,
  type LoginData,
  type NoteData,
  type OtpData,
  type PasswordHistoryEntry,
  type RecoveryCodesData,
} from '../core/vault/item-types.ts'
import type { OtpEngine } from './core-ports.ts'

export const MAX_PASSWORD_HISTORY = 20

function invalid(message: string): never {
  throw new CairnError('INVALID_ARGUMENT', message)
}

function cleanList(values: readonly string[]): string[] {
  const out: string[] = []
  for (const value of values) {
    const v = value.trim()
    if (v && !out.includes(v)) out.push(v)
  }
  return out
}

/** The 2FA key a source describes, checked and in canonical form. */
export function keyFromSource(source: OtpKeySource, engine: OtpEngine): OtpKey {
  if (source.from === 'uri')
    return engine.normalizeOtpKey(engine.parseOtpauthUri(source.uri.trim()))
  const { from: _from, ...key } = source
  return engine.normalizeOtpKey(key)
}

function login(input: LoginInput, existing: LoginData | null, now: number): LoginData {
  const password = input.password ?? existing?.password ?? ''
  let passwordHistory: PasswordHistoryEntry[] = existing ? [...existing.passwordHistory] : []
  if (existing && existing.password !== '' && existing.password !== password) {
    passwordHistory = [{ password: existing.password, replacedAt: now }, ...passwordHistory].slice(
      0,
      MAX_PASSWORD_HISTORY,
    )
  }
  return {
    type: 'login',
    title: input.title.trim(),
    username: input.username.trim(),
    password,
    urls: cleanList(input.urls),
    notes: input.notes,
    tags: cleanList(input.tags),
    fields: fields(input.fields, existing),
    passwordHistory,
    otpLink: input.otpLink
      ? { vaultId: input.otpLink.vaultUuid, itemId: input.otpLink.itemId }
      : null,
  }
}

// A kept value is found by its stored position, never by name: names may repeat or change.
function fields(inputs: readonly FieldInput[], existing: LoginData | null): CustomField[] {
  const kept = new Set<number>()
  return inputs.map((input) => {
    const name = input.name.trim()
    if (!name) invalid('Every custom field needs a name.')
    if (input.keepIndex === undefined) {
      if (input.value === undefined) invalid(`Custom field "${name}" has no value.`)
      return { name, value: input.value, secret: input.secret }
    }
    if (input.value !== undefined)
      invalid(`Custom field "${name}" has both a value and one to keep.`)
    const stored = existing?.fields[input.keepIndex]
    if (!stored) invalid(`Custom field "${name}" has no stored value to keep.`)
    if (kept.has(input.keepIndex)) invalid('Two custom fields keep the same stored value.')
    kept.add(input.keepIndex)
    return { name, value: stored.value, secret: input.secret }
  })
}

function otpItem(input: OtpInput, existing: OtpData | null, otp: OtpEngine): OtpData {
  let key: OtpKey
  if (input.key) key = keyFromSource(input.key, otp)
  else if (existing) key = otpKeyOf(existing)
  else invalid('A new 2FA key needs a secret, an otpauth URI or a scanned QR code.')
  // The dialog's issuer and account are final: they are prefilled from the key source.
  const labelled = otp.normalizeOtpKey({
    ...key,
    issuer: input.issuer,
    account: input.account,
  })
  return {
    type: 'otp',
    ...labelled,
    title: input.title.trim(),
    notes: input.notes,
    tags: cleanList(input.tags),
  }
}

function recoveryCodes(
  input: RecoveryCodesInput,
  existing: RecoveryCodesData | null,
): RecoveryCodesData {
  const codes = input.codes
    ? input.codes.map((c) => ({ code: c.code.trim(), used: c.used })).filter((c) => c.code !== '')
    : existing
      ? existing.codes.map((c) => ({ ...c }))
      : []
  return {
    type: 'recovery-codes',
    title: input.title.trim(),
    issuer: input.issuer.trim(),
    codes,
    notes: input.notes,
    tags: cleanList(input.tags),
  }
}

/**
 * The ItemData to store for `input`; `existing` is the stored data on an edit (its type must
 * match: an item's type never changes).
 */
export function toItemData(
  input: ItemInput,
  existing: ItemData | null,
  otp: OtpEngine,
  now: number,
): ItemData {
  if (existing && existing.type !== input.kind) invalid("An item's type cannot change.")
  const data = kindData(input, existing, otp, now)
  // The editor does not show the star: an edit keeps it as it was.
  const marked: ItemData = existing?.favourite ? { ...data, favourite: true } : data
  // An input without a group keeps the stored one (callers that do not show groups).
  const group = input.group ?? existing?.group ?? []
  return group.length ? { ...marked, group: [...group] } : marked
}

function kindData(
  input: ItemInput,
  existing: ItemData | null,
  otp: OtpEngine,
  now: number,
): ItemData {
  switch (input.kind) {
    case 'login':
      return login(input, existing?.type === 'login' ? existing : null, now)
    case 'otp':
      return otpItem(input, existing?.type === 'otp' ? existing : null, otp)
    case 'recovery-codes':
      return recoveryCodes(input, existing?.type === 'recovery-codes' ? existing : null)
    case 'note': {
      const stored = existing?.type === 'note' ? existing : null
      const note: NoteData = {
        type: 'note',
        title: input.title.trim(),
        body: input.body ?? stored?.body ?? '',
        tags: cleanList(input.tags),
      }
      return note
    }
  }
}
