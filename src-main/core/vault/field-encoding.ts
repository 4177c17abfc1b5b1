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
  const parts: Buffer[] = []
  for (const f of fields) {
    let bytes: Buffer
    if (f === null) bytes = Buffer.alloc(0)
    else if (typeof f === 'string') bytes = Buffer.from(f, 'utf8')
    else if (typeof f === 'bigint') {
      bytes = Buffer.alloc(8)
      bytes.writeBigInt64BE(f)
    } else bytes = Buffer.from(f.buffer, f.byteOffset, f.byteLength)
    const len = Buffer.alloc(4)
    len.writeUInt32BE(bytes.length)
    parts.push(len, bytes)
  }
  return Buffer.concat(parts)
}
