// Builders for the ImportedEntry values importer tests expect, with the defaults every
// password-manager importer fills in, so each test states only what its fixture holds.
import type { ImportedEntry } from '../../src-main/core/import/importer.ts'
import type { LoginData, NoteData, OtpData } from '../../src-main/core/vault/item-types.ts'

type Extra = Partial<Pick<ImportedEntry, 'folder' | 'notes' | 'ref' | 'otpRef'>>

export function loginEntry(
  where: string,
  data: Partial<LoginData>,
  extra: Extra = {},
): ImportedEntry {
  return {
    where,
    ...extra,
    data: {
      type: 'login',
      title: '',
      username: '',
      password: '',
      urls: [],
      notes: '',
      tags: [],
      fields: [],
      passwordHistory: [],
      otpLink: null,
      ...data,
    },
  }
}

export function totpEntry(where: string, data: Partial<OtpData>, extra: Extra = {}): ImportedEntry {
  return {
    where,
    ...extra,
    data: {
      type: 'otp',
      kind: 'totp',
      secret: '',
      issuer: '',
      account: '',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: 0,
      encoder: 'standard',
      title: '',
      notes: '',
      tags: [],
      ...data,
    },
  }
}

export function noteEntry(
  where: string,
  data: Partial<NoteData>,
  extra: Extra = {},
): ImportedEntry {
  return { where, ...extra, data: { type: 'note', title: '', body: '', tags: [], ...data } }
}

/** A login carrying a TOTP: the login, then its key, paired by ref. */
export function loginWithTotp(
  where: string,
  ref: string,
  login: Partial<LoginData>,
  key: Partial<OtpData>,
  extra: Extra = {},
): ImportedEntry[] {
  return [
    loginEntry(where, login, { ...extra, otpRef: ref }),
    totpEntry(
      `${where} (its TOTP)`,
      { title: login.title ?? '', tags: login.tags ?? [], ...key },
      {
        ...extra,
        ref,
      },
    ),
  ]
}
