// Reads a `java.util.HashMap<String, ?>` of preferences written by Java's ObjectOutputStream (the
// Java Object Serialization Stream Protocol): FreeOTP 2 writes its backups this way. Only what
// such a map needs is understood: its class description, the block data with its capacity and
// size, string keys and values, boxed primitives (a Boolean or Integer preference, skipped), and
// back-references to what was already read. Anything else is reported as not a readable file,
// never run or guessed at.
import { CairnError } from '../../errors.ts'

const MAGIC = 0xaced
const VERSION = 5
const TC_NULL = 0x70
const TC_REFERENCE = 0x71
const TC_CLASSDESC = 0x72
const TC_OBJECT = 0x73
const TC_STRING = 0x74
const TC_BLOCKDATA = 0x77
const TC_ENDBLOCKDATA = 0x78
const TC_LONGSTRING = 0x7c
const BASE_HANDLE = 0x7e0000
const HASHMAP = 'java.util.HashMap'
/** More entries than any backup holds: a size beyond it is damage, not a reason to allocate. */
const MAX_ENTRIES = 100_000

/** The first bytes of a serialized HashMap: magic, version, TC_OBJECT, TC_CLASSDESC, its name. */
export function looksLikeJavaHashMap(bytes: Uint8Array): boolean {
  const name = new TextEncoder().encode(HASHMAP)
  if (bytes.length < 8 + name.length) return false
  if (bytes[0] !== 0xac || bytes[1] !== 0xed || bytes[2] !== 0 || bytes[3] !== VERSION) return false
  if (bytes[4] !== TC_OBJECT || bytes[5] !== TC_CLASSDESC) return false
  if (bytes[6] !== 0 || bytes[7] !== name.length) return false
  return name.every((b, i) => bytes[8 + i] === b)
}

class Cursor {
  at = 0
  readonly handles: unknown[] = []
  private readonly bytes: Uint8Array
  private readonly fail: (reason: string) => never
  constructor(bytes: Uint8Array, fail: (reason: string) => never) {
    this.bytes = bytes
    this.fail = fail
  }

  need(n: number): void {
    if (this.at + n > this.bytes.length) this.fail('the file is cut short')
  }
  u8(): number {
    this.need(1)
    return this.bytes[this.at++]!
  }
  u16(): number {
    return (this.u8() << 8) | this.u8()
  }
  u32(): number {
    return ((this.u16() << 16) | this.u16()) >>> 0
  }
  skip(n: number): void {
    this.need(n)
    this.at += n
  }
  take(n: number): Uint8Array {
    this.need(n)
    const out = this.bytes.subarray(this.at, this.at + n)
    this.at += n
    return out
  }
  /** Java's "modified UTF-8": NUL as C0 80, characters beyond U+FFFF as two 3-byte surrogates. */
  utf(length: number): string {
    const b = this.take(length)
    let out = ''
    for (let i = 0; i < b.length;) {
      const c = b[i]!
      if (c < 0x80) {
        out += String.fromCharCode(c)
        i += 1
      } else if ((c & 0xe0) === 0xc0 && i + 1 < b.length) {
        out += String.fromCharCode(((c & 0x1f) << 6) | (b[i + 1]! & 0x3f))
        i += 2
      } else if ((c & 0xf0) === 0xe0 && i + 2 < b.length) {
        out += String.fromCharCode(
          ((c & 0x0f) << 12) | ((b[i + 1]! & 0x3f) << 6) | (b[i + 2]! & 0x3f),
        )
        i += 3
      } else {
        this.fail('a string is not valid modified UTF-8')
      }
    }
    return out
  }
}

const PRIMITIVE_SIZES: Record<string, number> = { B: 1, Z: 1, C: 2, S: 2, F: 4, I: 4, D: 8, J: 8 }

/** A class description of plain primitive fields (java.lang.Boolean, Integer and its Number). */
interface PrimitiveClass {
  /** Bytes of field data, this class's superclasses' first. */
  dataBytes: number
}

function readClassDesc(
  cursor: Cursor,
  fail: (reason: string) => never,
  depth = 0,
): PrimitiveClass | null {
  const tc = cursor.u8()
  if (tc === TC_NULL) return null
  if (tc === TC_REFERENCE) {
    const desc = cursor.handles[cursor.u32() - BASE_HANDLE]
    if (!isPrimitiveClass(desc)) fail('a reference points at something that is not a class')
    return desc
  }
  if (tc !== TC_CLASSDESC) fail('a value is of a kind preferences do not hold')
  // Boxed primitives have one superclass (Number) at most; a deep chain is not a preference.
  if (depth > 4) fail('a value is of a kind preferences do not hold')
  cursor.utf(cursor.u16())
  cursor.skip(8)
  const desc: PrimitiveClass = { dataBytes: 0 }
  cursor.handles.push(desc)
  const flags = cursor.u8()
  // Only a class whose data is its primitive fields, with no writeObject data of its own.
  if (flags !== 0x02) fail('a value is of a kind preferences do not hold')
  const fields = cursor.u16()
  let own = 0
  for (let i = 0; i < fields; i++) {
    const size = PRIMITIVE_SIZES[String.fromCharCode(cursor.u8())]
    if (size === undefined) fail('a value is of a kind preferences do not hold')
    cursor.utf(cursor.u16())
    own += size
  }
  if (cursor.u8() !== TC_ENDBLOCKDATA) fail('a class description is not closed')
  desc.dataBytes = (readClassDesc(cursor, fail, depth + 1)?.dataBytes ?? 0) + own
  return desc
}

function isPrimitiveClass(value: unknown): value is PrimitiveClass {
  return typeof value === 'object' && value !== null && 'dataBytes' in value
}

/** A key or value: a string, or null for a boxed primitive (a preference that is not text). */
function readValue(cursor: Cursor, fail: (reason: string) => never): string | null {
  const tc = cursor.u8()
  if (tc === TC_OBJECT) {
    const desc = readClassDesc(cursor, fail)
    if (!desc) fail('an object has no class')
    cursor.handles.push(null)
    cursor.skip(desc.dataBytes)
    return null
  }
  cursor.at--
  return readString(cursor, fail)
}

function readString(cursor: Cursor, fail: (reason: string) => never): string {
  const tc = cursor.u8()
  if (tc === TC_STRING || tc === TC_LONGSTRING) {
    let length: number
    if (tc === TC_STRING) length = cursor.u16()
    else {
      const high = cursor.u32()
      length = cursor.u32()
      if (high !== 0) fail('a string is impossibly long')
    }
    const value = cursor.utf(length)
    cursor.handles.push(value)
    return value
  }
  if (tc === TC_REFERENCE) {
    const value = cursor.handles[cursor.u32() - BASE_HANDLE]
    if (typeof value !== 'string') fail('a reference points at something that is not a string')
    return value
  }
  if (tc === TC_NULL) fail('a key or value is null')
  return fail('a key or value is of a kind preferences do not hold')
}

/**
 * The map's text entries in the order the file holds them (entries of other kinds are left
 * out). `fail` is called (and must throw) with a reason when the bytes are not such a map.
 */
export function readJavaStringMap(
  bytes: Uint8Array,
  fail: (reason: string) => never,
): [string, string][] {
  if (!looksLikeJavaHashMap(bytes)) fail('not a Java-serialized map')
  const cursor = new Cursor(bytes, fail)
  if (cursor.u16() !== MAGIC || cursor.u16() !== VERSION) fail('not a Java-serialized map')
  cursor.u8() // TC_OBJECT
  cursor.u8() // TC_CLASSDESC
  cursor.utf(cursor.u16()) // the class name, checked above
  cursor.skip(8) // serialVersionUID
  cursor.handles.push({ mapClass: true })
  const flags = cursor.u8()
  if ((flags & 0x03) !== 0x03) fail('the map was not written by its own writeObject')
  const fieldCount = cursor.u16()
  let primitiveBytes = 0
  for (let i = 0; i < fieldCount; i++) {
    const type = String.fromCharCode(cursor.u8())
    cursor.utf(cursor.u16())
    const size = PRIMITIVE_SIZES[type]
    if (size === undefined) fail('the map class has a field of an unexpected kind')
    primitiveBytes += size
  }
  if (cursor.u8() !== TC_ENDBLOCKDATA) fail('the map class description is not closed')
  if (cursor.u8() !== TC_NULL) fail('the map class has an unexpected superclass')
  cursor.handles.push(null) // the map object itself
  cursor.skip(primitiveBytes) // loadFactor, threshold
  if (cursor.u8() !== TC_BLOCKDATA || cursor.u8() !== 8) fail('the map has no size')
  cursor.u32() // capacity
  const size = cursor.u32()
  if (size > MAX_ENTRIES) fail('the map claims more entries than any backup holds')
  const entries: [string, string][] = []
  for (let i = 0; i < size; i++) {
    const key = readString(cursor, fail)
    const value = readValue(cursor, fail)
    if (value !== null) entries.push([key, value])
  }
  if (cursor.u8() !== TC_ENDBLOCKDATA) fail('the map does not end where its size says')
  return entries
}

export function javaMapError(formatName: string) {
  return (reason: string): never => {
    throw new CairnError('MALFORMED_BACKUP', `Not a readable ${formatName} file: ${reason}`)
  }
}
