// kdbxweb, the KDBX reader/writer we use, computes Argon2 through a pluggable function: ours is
// foreignArgon2 (native, off the main thread; KeePass uses both Argon2d and Argon2id). The cost
// a database asks for is bounded first: a hostile file must not be able to take the machine.
import * as kdbxweb from 'kdbxweb'
import { CairnError } from '../errors.ts'
import { foreignArgon2 } from '../kdf/argon2-foreign.ts'

/** KeePassXC's slider stops far below these; anything above is not a database a person made. */
export const KDBX_MAX_ARGON2_MEMORY_KIB = 2 * 1024 * 1024
export const KDBX_MAX_ARGON2_ITERATIONS = 1000
export const KDBX_MAX_AES_ROUNDS = 1_000_000_000

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
}

const argon2: kdbxweb.CryptoEngine.Argon2Fn = async (
  password,
  salt,
  memoryKiB,
  iterations,
  length,
  parallelism,
  type,
  version,
) => {
  if (memoryKiB > KDBX_MAX_ARGON2_MEMORY_KIB || iterations > KDBX_MAX_ARGON2_ITERATIONS) {
    throw new CairnError(
      'UNSUPPORTED',
      `the database asks for Argon2 with ${memoryKiB} KiB and ${iterations} passes, more than Cairn allows (${KDBX_MAX_ARGON2_MEMORY_KIB} KiB, ${KDBX_MAX_ARGON2_ITERATIONS} passes)`,
    )
  }
  const out = await foreignArgon2({
    type: type === kdbxweb.CryptoEngine.Argon2TypeArgon2d ? 'argon2d' : 'argon2id',
    version,
    password: new Uint8Array(password),
    salt: new Uint8Array(salt),
    memoryKiB,
    iterations,
    parallelism,
    length,
  })
  return toArrayBuffer(out)
}

kdbxweb.CryptoEngine.setArgon2Impl(argon2)

export { kdbxweb, toArrayBuffer }

/**
 * Reads the outer header only, before any key derivation: refuses a database whose key
 * derivation would take unbounded time or memory, and a KDBX 3.1 file that is visibly cut short.
 */
export function checkKdbxHeader(bytes: Uint8Array): void {
  let header: kdbxweb.KdbxHeader
  try {
    const ctx = new kdbxweb.KdbxContext({ kdbx: new kdbxweb.Kdbx() })
    header = kdbxweb.KdbxHeader.read(new kdbxweb.BinaryStream(toArrayBuffer(bytes)), ctx)
  } catch {
    // The full load reports a damaged header with a better message.
    return
  }
  // KDBX 3.1 has no checksum before decryption: without this, a cut file reads as a wrong password.
  if (
    header.versionMajor < 4 &&
    header.endPos !== undefined &&
    (bytes.length - header.endPos) % 16 !== 0
  ) {
    throw new CairnError(
      'MALFORMED_BACKUP',
      'the KeePass database is cut short (its last block is incomplete)',
    )
  }
  const rounds = header.keyEncryptionRounds ?? toNumber(header.kdfParameters?.get('R')) ?? undefined
  if (rounds !== undefined && rounds > KDBX_MAX_AES_ROUNDS) {
    throw new CairnError(
      'UNSUPPORTED',
      `the database asks for ${rounds} AES-KDF rounds, more than Cairn allows (${KDBX_MAX_AES_ROUNDS})`,
    )
  }
  const memory = toNumber(header.kdfParameters?.get('M'))
  if (memory !== undefined && memory / 1024 > KDBX_MAX_ARGON2_MEMORY_KIB) {
    throw new CairnError(
      'UNSUPPORTED',
      `the database asks for Argon2 with ${memory / 1024} KiB, more than Cairn allows (${KDBX_MAX_ARGON2_MEMORY_KIB} KiB)`,
    )
  }
}

function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value
  if (value instanceof kdbxweb.Int64) return value.value
  return undefined
}
