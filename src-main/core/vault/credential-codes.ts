// The printed forms of the two generated credentials. Both use the RFC 4648 base32 alphabet in
// groups of four, carry a check so a typo is reported as a typo (before any key derivation), and
// forgive the look-alikes 0/O, 1/I and 8/B. The text handed to a key slot is always the canonical
// form (upper case, no separators), so the slot format needs nothing new (docs/vault-format.md 4.1).
//
// Recovery key (56 characters): 32 random bytes followed by 3 check bytes,
//   check = SHA-256("cairn.recovery-key.v1" || key)[0:3]
// One-time code (20 characters): locator (4) + secret (15) + check (1), where the locator is the
// first 20 bits of the code's slot id (its first five hex digits), so unlocking runs Argon2id only
// for the slot the code names; check = SHA-256("cairn.one-time-code.v1" || first 19 chars)[0] & 31.
import { createHash } from 'node:crypto'
import { randomBytes } from '../crypto/random.ts'
import { wipe } from '../crypto/wipe.ts'
import { CairnError } from '../errors.ts'
import { decodeBase32, encodeBase32 } from '../otp/base32.ts'

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
const LOOK_ALIKES: Record<string, string> = { '0': 'O', '1': 'I', '8': 'B' }

export const RECOVERY_KEY_BYTES = 32
const RECOVERY_CHECK_BYTES = 3
export const RECOVERY_KEY_CHARS = 56
export const ONE_TIME_CODE_CHARS = 20
const LOCATOR_CHARS = 4
const ONE_TIME_SECRET_CHARS = 15

/** Upper case, no whitespace or hyphens, look-alike digits mapped to their letters. */
export function cleanCodeText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s-]+/g, '')
    .toUpperCase()
    .replace(/[018]/g, (c) => LOOK_ALIKES[c]!)
}

/** "ABCDEFGH" → "ABCD-EFGH". */
export function groupCode(text: string, size = 4): string {
  return (text.match(new RegExp(`.{1,${size}}`, 'g')) ?? []).join('-')
}

function recoveryCheck(key: Uint8Array): Buffer {
  return createHash('sha256')
    .update('cairn.recovery-key.v1')
    .update(key)
    .digest()
    .subarray(0, RECOVERY_CHECK_BYTES)
}

/** A fresh recovery key in its printed, grouped form (the only time it exists in the clear). */
export function generateRecoveryKey(): string {
  const key = randomBytes(RECOVERY_KEY_BYTES)
  const full = Buffer.concat([key, recoveryCheck(key)])
  try {
    return groupCode(encodeBase32(full))
  } finally {
    wipe(key, full)
  }
}

/**
 * Checks a typed recovery key and returns its canonical form (56 characters, no separators).
 * Throws CairnError WRONG_CREDENTIAL naming the problem (length, character, typo), never the key.
 */
export function parseRecoveryKey(text: string): string {
  const clean = cleanCodeText(text)
  if (clean.length !== RECOVERY_KEY_CHARS) {
    throw new CairnError(
      'WRONG_CREDENTIAL',
      `A recovery key has ${RECOVERY_KEY_CHARS} characters (14 groups of 4); this one has ${clean.length}`,
    )
  }
  const bad = [...clean].findIndex((c) => !ALPHABET.includes(c))
  if (bad >= 0) {
    throw new CairnError(
      'WRONG_CREDENTIAL',
      `The recovery key has a character that cannot occur in it (group ${Math.floor(bad / 4) + 1})`,
    )
  }
  const bytes = Buffer.from(decodeBase32(clean))
  try {
    const key = bytes.subarray(0, RECOVERY_KEY_BYTES)
    if (!recoveryCheck(key).equals(bytes.subarray(RECOVERY_KEY_BYTES))) {
      throw new CairnError(
        'WRONG_CREDENTIAL',
        'The recovery key is mistyped: its check characters do not match',
      )
    }
    return clean
  } finally {
    wipe(bytes)
  }
}

function oneTimeCheck(first19: string): string {
  const digest = createHash('sha256').update('cairn.one-time-code.v1').update(first19).digest()
  return ALPHABET[digest[0]! & 31]!
}

/** The 4-character locator for a slot id: its first 20 bits (five hex digits) in base32. */
export function locatorForSlotId(slotId: string): string {
  const hex = slotId.slice(0, 5)
  if (!/^[0-9a-f]{5}$/.test(hex)) throw new RangeError('slot id must start with 5 hex digits')
  const bits = parseInt(hex, 16)
  let out = ''
  for (let shift = 15; shift >= 0; shift -= 5) out += ALPHABET[(bits >>> shift) & 31]
  return out
}

function slotIdPrefixForLocator(locator: string): string {
  let bits = 0
  for (const c of locator) bits = (bits << 5) | ALPHABET.indexOf(c)
  return bits.toString(16).padStart(5, '0')
}

/** A one-time code for the slot `slotId`, printed grouped. */
export function generateOneTimeCode(slotId: string): string {
  const random = randomBytes(ONE_TIME_SECRET_CHARS)
  // 256 is a multiple of 32, so the low five bits of a random byte are uniform.
  const secret = [...random].map((b) => ALPHABET[b & 31]).join('')
  wipe(random)
  const body = locatorForSlotId(slotId) + secret
  return groupCode(body + oneTimeCheck(body))
}

export type OneTimeCodeShape =
  /** A Cairn-issued code: its canonical text and the slot id prefix it names. */
  | { kind: 'issued'; canonical: string; slotIdPrefix: string }
  /** Shaped like an issued code but its check fails: a typo. */
  | { kind: 'mistyped' }
  /** Some other text (a code added by hand through the slot API): no locator to use. */
  | { kind: 'other' }

export function inspectOneTimeCode(text: string): OneTimeCodeShape {
  const clean = cleanCodeText(text)
  if (clean.length !== ONE_TIME_CODE_CHARS || ![...clean].every((c) => ALPHABET.includes(c))) {
    return { kind: 'other' }
  }
  const body = clean.slice(0, -1)
  if (oneTimeCheck(body) !== clean.slice(-1)) return { kind: 'mistyped' }
  return {
    kind: 'issued',
    canonical: clean,
    slotIdPrefix: slotIdPrefixForLocator(clean.slice(0, LOCATOR_CHARS)),
  }
}
