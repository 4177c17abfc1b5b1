// The two ways a password protects a zip member, from PKWARE's APPNOTE (section 6.1, "traditional
// PKWARE encryption") and WinZip's AE-1/AE-2 note (AES in CTR mode with a little-endian counter,
// PBKDF2-HMAC-SHA1 keys, an HMAC-SHA1 code over the ciphertext). Both tell a wrong password by
// a check value in the member's header; the AES one also catches altered bytes, since its code
// covers every ciphertext byte.
import { createCipheriv, createHmac, pbkdf2Sync, timingSafeEqual } from 'node:crypto'

/** The 0x9901 extra field of a WinZip AES member. */
export interface WinZipAesField {
  /** 1 (AE-1: the CRC is kept and checked) or 2 (AE-2: the CRC is zero). */
  vendorVersion: number
  /** 16, 24 or 32 bytes. */
  keyBytes: number
  /** The compression method the member's data uses under the encryption. */
  method: number
}

export const WINZIP_AES_METHOD = 99
const WINZIP_AES_EXTRA_ID = 0x9901
const AES_AUTH_CODE_BYTES = 10
const AES_VERIFIER_BYTES = 2
const AES_PBKDF2_ITERATIONS = 1000
const ZIPCRYPTO_HEADER_BYTES = 12

/** The AES field among a member's extra fields, or null when there is none or it is damaged. */
export function winZipAesField(extra: Uint8Array): WinZipAesField | null {
  const view = new DataView(extra.buffer, extra.byteOffset, extra.byteLength)
  let at = 0
  while (at + 4 <= extra.length) {
    const id = view.getUint16(at, true)
    const size = view.getUint16(at + 2, true)
    if (at + 4 + size > extra.length) return null
    if (id === WINZIP_AES_EXTRA_ID && size >= 7) {
      const vendorVersion = view.getUint16(at + 4, true)
      const vendor = String.fromCharCode(extra[at + 6]!, extra[at + 7]!)
      const strength = extra[at + 8]!
      const keyBytes = ({ 1: 16, 2: 24, 3: 32 } as Record<number, number>)[strength]
      if (vendor !== 'AE' || !keyBytes || (vendorVersion !== 1 && vendorVersion !== 2)) return null
      return { vendorVersion, keyBytes, method: view.getUint16(at + 9, true) }
    }
    at += 4 + size
  }
  return null
}

/**
 * WinZip AES: salt, 2-byte verifier, AES-CTR ciphertext, 10-byte HMAC-SHA1 code. A verifier that
 * does not match is a wrong password (a wrong one matches once in 65536 tries, and then fails the
 * code as altered); a code that does not match, altered or cut bytes.
 */
export function openWinZipAes(
  field: WinZipAesField,
  password: Uint8Array,
  data: Uint8Array,
): Uint8Array | 'wrong password' | 'altered' {
  const saltBytes = field.keyBytes / 2
  const overhead = saltBytes + AES_VERIFIER_BYTES + AES_AUTH_CODE_BYTES
  if (data.length < overhead) return 'altered'
  const salt = data.subarray(0, saltBytes)
  const verifier = data.subarray(saltBytes, saltBytes + AES_VERIFIER_BYTES)
  const ciphertext = data.subarray(
    saltBytes + AES_VERIFIER_BYTES,
    data.length - AES_AUTH_CODE_BYTES,
  )
  const code = data.subarray(data.length - AES_AUTH_CODE_BYTES)
  const derived = pbkdf2Sync(
    password,
    salt,
    AES_PBKDF2_ITERATIONS,
    field.keyBytes * 2 + AES_VERIFIER_BYTES,
    'sha1',
  )
  const aesKey = derived.subarray(0, field.keyBytes)
  const hmacKey = derived.subarray(field.keyBytes, field.keyBytes * 2)
  if (!timingSafeEqual(derived.subarray(field.keyBytes * 2), verifier)) return 'wrong password'
  const expected = createHmac('sha1', hmacKey).update(ciphertext).digest()
  if (!timingSafeEqual(expected.subarray(0, AES_AUTH_CODE_BYTES), code)) return 'altered'
  return aesCtrLittleEndian(aesKey, ciphertext)
}

/** CTR mode as WinZip defines it: the 16-byte counter is little-endian and starts at 1. */
function aesCtrLittleEndian(key: Uint8Array, data: Uint8Array): Uint8Array {
  const blocks = Math.ceil(data.length / 16)
  const counters = new Uint8Array(blocks * 16)
  const counter = new Uint8Array(16)
  for (let b = 0; b < blocks; b++) {
    for (let i = 0; i < 16; i++) {
      counter[i] = (counter[i]! + 1) & 0xff
      if (counter[i] !== 0) break
    }
    counters.set(counter, b * 16)
  }
  const ecb = createCipheriv(`aes-${key.length * 8}-ecb` as 'aes-256-ecb', key, null)
  ecb.setAutoPadding(false)
  const stream = Buffer.concat([ecb.update(counters), ecb.final()])
  const out = new Uint8Array(data.length)
  for (let i = 0; i < data.length; i++) out[i] = data[i]! ^ stream[i]!
  return out
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    table[n] = c >>> 0
  }
  return table
})()

const crcStep = (crc: number, byte: number) => (CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8)) >>> 0

/**
 * Traditional PKWARE encryption. `check` is the byte the 12-byte header must end with: the CRC's
 * high byte, or the modification time's high byte when the sizes follow in a data descriptor.
 * One byte means a wrong password passes this check once in 256 tries; the CRC checked after
 * decompression catches it.
 */
export function openZipCrypto(
  password: Uint8Array,
  data: Uint8Array,
  check: number,
): Uint8Array | null {
  if (data.length < ZIPCRYPTO_HEADER_BYTES) return null
  let k0 = 0x12345678
  let k1 = 0x23456789
  let k2 = 0x34567890
  const update = (byte: number) => {
    k0 = crcStep(k0, byte)
    k1 = (Math.imul((k1 + (k0 & 0xff)) >>> 0, 134775813) + 1) >>> 0
    k2 = crcStep(k2, k1 >>> 24)
  }
  for (const byte of password) update(byte)
  const out = new Uint8Array(data.length)
  for (let i = 0; i < data.length; i++) {
    const t = (k2 | 2) & 0xffff
    const plain = data[i]! ^ ((Math.imul(t, t ^ 1) >>> 8) & 0xff)
    out[i] = plain
    update(plain)
  }
  if (out[ZIPCRYPTO_HEADER_BYTES - 1] !== check) return null
  return out.subarray(ZIPCRYPTO_HEADER_BYTES)
}
