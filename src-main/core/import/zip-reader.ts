// Reads the zip archives some apps export (1Password 1PUX, Proton Pass, Authenticator Plus): the
// central directory, then each member stored or deflated, its size bounded before inflating and
// its CRC checked after. A password-protected member (traditional PKWARE or WinZip AES) is read
// when the caller gives the password. Enough for exports, not a general unzip: no ZIP64, no
// multi-disk archives; each is refused by name.
import { crc32, inflateRawSync } from 'node:zlib'
import { CairnError } from '../errors.ts'
import { WINZIP_AES_METHOD, openWinZipAes, openZipCrypto, winZipAesField } from './zip-crypto.ts'
import type { WinZipAesField } from './zip-crypto.ts'

export interface ZipMember {
  name: string
  /** Uncompressed size the archive declares (checked when read). */
  size: number
  /** Whether the member is password-protected (only listed when a password was given). */
  encrypted: boolean
  read(): Uint8Array
}

export interface ZipLimits {
  maxMembers: number
  /** Per member, uncompressed. */
  maxMemberBytes: number
}

const DEFAULT_LIMITS: ZipLimits = { maxMembers: 10_000, maxMemberBytes: 256 * 1024 * 1024 }
const END_OF_CENTRAL_DIRECTORY = 0x06054b50
const CENTRAL_FILE_HEADER = 0x02014b50
const LOCAL_FILE_HEADER = 0x04034b50

export function looksLikeZip(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4
  )
}

function damaged(what: string, detail: string): never {
  throw new CairnError('MALFORMED_BACKUP', `${what} is not a readable zip archive: ${detail}`)
}

function wrongZipPassword(what: string): never {
  throw new CairnError('WRONG_PASSWORD', `Wrong password for ${what} (or the file was altered)`)
}

/**
 * The members of a zip archive; throws MALFORMED_BACKUP, UNSUPPORTED or (with a password)
 * WRONG_PASSWORD, never anything else. Without a password, a protected archive is refused.
 */
export function readZip(
  bytes: Uint8Array,
  what: string,
  limits: ZipLimits = DEFAULT_LIMITS,
  password?: string,
): ZipMember[] {
  const passwordBytes = password === undefined ? undefined : new TextEncoder().encode(password)
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const u16 = (at: number) =>
    at + 2 <= bytes.length ? view.getUint16(at, true) : damaged(what, 'it is cut short')
  const u32 = (at: number) =>
    at + 4 <= bytes.length ? view.getUint32(at, true) : damaged(what, 'it is cut short')

  // The end record sits in the last 22 bytes plus a comment of at most 65535.
  let end = -1
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) === END_OF_CENTRAL_DIRECTORY) {
      end = at
      break
    }
  }
  if (end === -1) damaged(what, 'its directory is missing (is the file cut short?)')
  const count = u16(end + 10)
  const directorySize = u32(end + 12)
  const directoryStart = u32(end + 16)
  if (count === 0xffff || directoryStart === 0xffffffff) {
    throw new CairnError('UNSUPPORTED', `${what} is a ZIP64 archive, which Cairn does not read`)
  }
  if (count > limits.maxMembers) damaged(what, `it lists ${count} files, more than any export has`)
  if (directoryStart + directorySize > end) damaged(what, 'its directory points outside the file')

  const members: ZipMember[] = []
  let at = directoryStart
  for (let n = 0; n < count; n++) {
    if (u32(at) !== CENTRAL_FILE_HEADER) damaged(what, 'its directory is damaged')
    const flags = u16(at + 8)
    let method = u16(at + 10)
    const modTime = u16(at + 12)
    const crc = u32(at + 16)
    const compressedSize = u32(at + 20)
    const size = u32(at + 24)
    const nameLength = u16(at + 28)
    const extraLength = u16(at + 30)
    const commentLength = u16(at + 32)
    const localOffset = u32(at + 42)
    if (at + 46 + nameLength > end) damaged(what, 'its directory is damaged')
    const name = new TextDecoder('utf-8').decode(bytes.subarray(at + 46, at + 46 + nameLength))
    const extraStart = at + 46 + nameLength
    if (extraStart + extraLength > end) damaged(what, 'its directory is damaged')
    const extra = bytes.subarray(extraStart, extraStart + extraLength)
    at += 46 + nameLength + extraLength + commentLength
    const encrypted = (flags & 1) !== 0
    if (encrypted && passwordBytes === undefined) {
      throw new CairnError(
        'UNSUPPORTED',
        `${what} is a password-protected zip, which Cairn does not read`,
      )
    }
    let aes: WinZipAesField | null = null
    if (encrypted && method === WINZIP_AES_METHOD) {
      aes = winZipAesField(extra)
      if (!aes) damaged(what, `the encryption of ${quoteName(name)} is not described`)
      method = aes.method
    }
    if (method !== 0 && method !== 8) {
      throw new CairnError(
        'UNSUPPORTED',
        `${what} uses a zip compression Cairn does not read (method ${method})`,
      )
    }
    if (size > limits.maxMemberBytes) damaged(what, `a file in it is larger than any export has`)
    // Traditional encryption has no code over the data: a damaged result may be a wrong password.
    const zipCrypto = encrypted && !aes
    const spoiled: (detail: string) => never = (detail) =>
      zipCrypto ? wrongZipPassword(what) : damaged(what, detail)
    members.push({
      name,
      size,
      encrypted,
      read() {
        if (u32(localOffset) !== LOCAL_FILE_HEADER)
          damaged(what, `the entry of ${quoteName(name)} is damaged`)
        const dataStart = localOffset + 30 + u16(localOffset + 26) + u16(localOffset + 28)
        if (dataStart + compressedSize > bytes.length) damaged(what, 'it is cut short')
        let raw: Uint8Array | null = bytes.subarray(dataStart, dataStart + compressedSize)
        if (aes) {
          const opened = openWinZipAes(aes, passwordBytes!, raw)
          if (opened === 'altered') {
            damaged(what, `${quoteName(name)} fails its authentication code (damaged or altered)`)
          }
          raw = opened === 'wrong password' ? null : opened
        } else if (zipCrypto) {
          raw = openZipCrypto(passwordBytes!, raw, flags & 8 ? modTime >>> 8 : crc >>> 24)
        }
        if (!raw) wrongZipPassword(what)
        let data: Uint8Array
        if (method === 0) data = raw
        else {
          try {
            data = inflateRawSync(raw, { maxOutputLength: Math.max(1, size) })
          } catch {
            spoiled(`${quoteName(name)} does not decompress`)
          }
        }
        // AE-2 leaves the CRC at zero: its authentication code already covers the data.
        const crcKept = !(aes && aes.vendorVersion === 2)
        if (data.length !== size || (crcKept && crc32(data) !== crc)) {
          spoiled(`${quoteName(name)} fails its checksum (the file is damaged or altered)`)
        }
        return data
      },
    })
  }
  return members
}

function quoteName(name: string): string {
  return `'${name.replace(/[\p{Cc}\p{Cs}]/gu, '?').slice(0, 80)}'`
}
