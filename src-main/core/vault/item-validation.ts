// Checks and canonicalises ItemData before it is encrypted, and again after it is decrypted: the
// stored JSON always has exactly the fields of item-types.ts, in a fixed order.
import { CairnError, isCairnError } from '../errors.ts'
import { normalizeOtpKey } from '../otp/otp-key.ts'
import type { OtpKey } from '../otp/otp-types.ts'
import { groupPathProblem } from '../../../src-shared/group-path.ts'
import type {
  CustomField,
  GroupData,
  ItemData,
  LoginData,
  NoteData,
  OtpData,
  RecoveryCodesData,
  RowData,
} from './item-types.ts'

class Invalid extends Error {}

type Obj = Record<string, unknown>

function obj(v: unknown, path: string): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw new Invalid(`${path} must be an object`)
  return v as Obj
}
function str(o: Obj, k: string, path: string): string {
  const v = o[k]
  if (typeof v !== 'string') throw new Invalid(`${path}.${k} must be a string`)
  return v
}
function bool(o: Obj, k: string, path: string): boolean {
  const v = o[k]
  if (typeof v !== 'boolean') throw new Invalid(`${path}.${k} must be true or false`)
  return v
}
function int(o: Obj, k: string, path: string, min: number, max: number): number {
  const v = o[k]
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw new Invalid(`${path}.${k} must be an integer from ${min} to ${max}`)
  }
  return v
}
function oneOf<T extends string>(o: Obj, k: string, path: string, allowed: readonly T[]): T {
  const v = o[k]
  if (!allowed.includes(v as T))
    throw new Invalid(`${path}.${k} must be one of ${allowed.join(', ')}`)
  return v as T
}
function list<T>(o: Obj, k: string, path: string, each: (v: unknown, p: string) => T): T[] {
  const v = o[k]
  if (!Array.isArray(v)) throw new Invalid(`${path}.${k} must be an array`)
  return v.map((x, i) => each(x, `${path}.${k}[${i}]`))
}
const strings = (o: Obj, k: string, path: string) =>
  list(o, k, path, (v, p) => {
    if (typeof v !== 'string') throw new Invalid(`${p} must be a string`)
    return v
  })

function login(o: Obj, p: string): LoginData {
  const link = o.otpLink
  return {
    type: 'login',
    title: str(o, 'title', p),
    username: str(o, 'username', p),
    password: str(o, 'password', p),
    urls: strings(o, 'urls', p),
    notes: str(o, 'notes', p),
    tags: strings(o, 'tags', p),
    fields: list(o, 'fields', p, (v, fp): CustomField => {
      const f = obj(v, fp)
      return { name: str(f, 'name', fp), value: str(f, 'value', fp), secret: bool(f, 'secret', fp) }
    }),
    passwordHistory: list(o, 'passwordHistory', p, (v, hp) => {
      const h = obj(v, hp)
      return {
        password: str(h, 'password', hp),
        replacedAt: int(h, 'replacedAt', hp, 0, Number.MAX_SAFE_INTEGER),
      }
    }),
    otpLink:
      link === null
        ? null
        : (() => {
            const l = obj(link, `${p}.otpLink`)
            return {
              vaultId: str(l, 'vaultId', `${p}.otpLink`),
              itemId: str(l, 'itemId', `${p}.otpLink`),
            }
          })(),
  }
}

/** The OTP module's own rule (otp-key.ts), so a stored key is one the code generator accepts. */
function otpKey(key: OtpKey, p: string): OtpKey {
  try {
    return normalizeOtpKey(key)
  } catch (e) {
    if (isCairnError(e)) throw new Invalid(`${p}: ${e.message}`)
    throw e
  }
}

function otp(o: Obj, p: string): OtpData {
  const secret = str(o, 'secret', p)
  if (!/^[A-Z2-7]+$/.test(secret))
    throw new Invalid(`${p}.secret must be canonical base32 (A-Z, 2-7, no padding)`)
  const key = otpKey(
    {
      kind: oneOf(o, 'kind', p, ['totp', 'hotp'] as const),
      secret,
      issuer: str(o, 'issuer', p),
      account: str(o, 'account', p),
      algorithm: oneOf(o, 'algorithm', p, ['SHA1', 'SHA256', 'SHA512'] as const),
      // Type and range only: otpKey applies the digits and period rules for the key's kind.
      digits: int(o, 'digits', p, 0, Number.MAX_SAFE_INTEGER),
      period: int(o, 'period', p, 0, Number.MAX_SAFE_INTEGER),
      counter: int(o, 'counter', p, 0, Number.MAX_SAFE_INTEGER),
      encoder: oneOf(o, 'encoder', p, ['standard', 'steam'] as const),
    },
    p,
  )
  return {
    type: 'otp',
    ...key,
    title: str(o, 'title', p),
    notes: str(o, 'notes', p),
    tags: strings(o, 'tags', p),
  }
}

function recoveryCodes(o: Obj, p: string): RecoveryCodesData {
  return {
    type: 'recovery-codes',
    title: str(o, 'title', p),
    issuer: str(o, 'issuer', p),
    codes: list(o, 'codes', p, (v, cp) => {
      const c = obj(v, cp)
      return { code: str(c, 'code', cp), used: bool(c, 'used', cp) }
    }),
    notes: str(o, 'notes', p),
    tags: strings(o, 'tags', p),
  }
}

function note(o: Obj, p: string): NoteData {
  return {
    type: 'note',
    title: str(o, 'title', p),
    body: str(o, 'body', p),
    tags: strings(o, 'tags', p),
  }
}

function groupPath(v: unknown, p: string): string[] {
  const problem = groupPathProblem(v)
  if (problem) throw new Invalid(`${p}: ${problem}`)
  return [...(v as string[])]
}

// A favourite is stored only as `true`, a group only when there is one: an unstarred item at the
// top level has neither field at all.
function withMarks(data: ItemData, o: Obj): ItemData {
  let out = data
  if (o.favourite !== undefined && o.favourite !== false) {
    if (o.favourite !== true) throw new Invalid(`${data.type}.favourite must be true or false`)
    out = { ...out, favourite: true }
  }
  if (o.group !== undefined && !(Array.isArray(o.group) && o.group.length === 0)) {
    out = { ...out, group: groupPath(o.group, `${data.type}.group`) }
  }
  return out
}

function group(o: Obj): GroupData {
  return { type: 'group', path: groupPath(o.path, 'group.path') }
}

function canonical(v: unknown): ItemData {
  const o = obj(v, 'item')
  return withMarks(canonicalKind(o), o)
}

function canonicalRow(v: unknown): RowData {
  const o = obj(v, 'item')
  return o.type === 'group' ? group(o) : withMarks(canonicalKind(o), o)
}

function canonicalKind(o: Obj): ItemData {
  switch (o.type) {
    case 'login':
      return login(o, 'login')
    case 'otp':
      return otp(o, 'otp')
    case 'recovery-codes':
      return recoveryCodes(o, 'recovery-codes')
    case 'note':
      return note(o, 'note')
    default:
      // Name the type only when it looks like one, so no stray value ends up in a message.
      throw new Invalid(
        typeof o.type === 'string' && /^[a-z0-9-]{1,40}$/.test(o.type)
          ? `unknown item type "${o.type}"`
          : 'unknown item type',
      )
  }
}

/** The canonical copy of `data`, or CairnError INVALID_ARGUMENT naming the first bad field. */
export function validateItemData(data: unknown): ItemData {
  try {
    return canonical(data)
  } catch (e) {
    if (e instanceof Invalid) throw new CairnError('INVALID_ARGUMENT', `Invalid item: ${e.message}`)
    throw e
  }
}

/** The canonical copy of a group kept on its own, or CairnError INVALID_ARGUMENT. */
export function validateGroupData(data: unknown): GroupData {
  try {
    const o = obj(data, 'group')
    if (o.type !== 'group') throw new Invalid('group.type must be "group"')
    return group(o)
  } catch (e) {
    if (e instanceof Invalid)
      throw new CairnError('INVALID_ARGUMENT', `Invalid group: ${e.message}`)
    throw e
  }
}

/** An item or a group, checked as validateItemData and validateGroupData check them. */
export function validateRowData(data: unknown): RowData {
  try {
    return canonicalRow(data)
  } catch (e) {
    if (e instanceof Invalid) throw new CairnError('INVALID_ARGUMENT', `Invalid item: ${e.message}`)
    throw e
  }
}

/** For decrypted rows: the reason the JSON is not a valid item or group, or what it holds. */
export function checkStoredItem(data: unknown): RowData | { invalid: string } {
  try {
    return canonicalRow(data)
  } catch (e) {
    if (e instanceof Invalid) return { invalid: e.message }
    throw e
  }
}
