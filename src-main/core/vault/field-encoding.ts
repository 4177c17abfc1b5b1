// The one byte layout used for all associated data and slot digests: a sequence of fields, each a
// 4-byte big-endian length followed by that many bytes. Strings are UTF-8; integers are 8-byte
// big-endian two's complement; SQL NULL is a zero-length field.

export type Field = string | bigint | Uint8Array | null

/** An integer field (timestamps, revisions): always 8 bytes. */
export function int64(n: number): bigint {
  if (!Number.isSafeInteger(n)) throw new RangeError(`not a safe integer: ${n}`)
  return BigInt(n)
}

export function encodeFields(fields: readonly Field[]): Buffer {
  // Sized first, then written into one allocation: this runs once per row on every list.
  const strings = fields.map((f) => (typeof f === 'string' ? Buffer.byteLength(f, 'utf8') : 0))
  let size = 0
  fields.forEach((f, i) => {
    size +=
      4 +
      (f === null ? 0 : typeof f === 'string' ? strings[i]! : typeof f === 'bigint' ? 8 : f.length)
  })
  const out = Buffer.allocUnsafe(size)
  let at = 0
  fields.forEach((f, i) => {
    if (f === null) {
      at = out.writeUInt32BE(0, at)
    } else if (typeof f === 'string') {
      at = out.writeUInt32BE(strings[i]!, at)
      at += out.write(f, at, 'utf8')
    } else if (typeof f === 'bigint') {
      at = out.writeUInt32BE(8, at)
      at = out.writeBigInt64BE(f, at)
    } else {
      at = out.writeUInt32BE(f.length, at)
      out.set(f, at)
      at += f.length
    }
  })
  return out
}
