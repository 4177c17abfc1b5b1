// Just enough of the protobuf wire format to read Google Authenticator's export: varints,
// length-delimited fields, and skipping the fixed-width ones. Every malformation throws `fail`.

export const WIRE_VARINT = 0
export const WIRE_FIXED64 = 1
export const WIRE_LENGTH_DELIMITED = 2
export const WIRE_FIXED32 = 5

export interface ProtoField {
  field: number
  wireType: number
}

export class ProtoReader {
  private readonly bytes: Uint8Array
  private position = 0
  private readonly fail: (message: string) => never

  constructor(bytes: Uint8Array, fail: (message: string) => never) {
    this.bytes = bytes
    this.fail = fail
  }

  get done(): boolean {
    return this.position >= this.bytes.length
  }

  readField(): ProtoField {
    const key = this.readVarint()
    const field = Number(key >> 3n)
    const wireType = Number(key & 7n)
    if (field === 0) this.fail('field number 0')
    return { field, wireType }
  }

  /** An unsigned varint of up to 64 bits. */
  readVarint(): bigint {
    let result = 0n
    for (let shift = 0n; shift < 70n; shift += 7n) {
      if (this.done) this.fail('cut off inside a number')
      const byte = this.bytes[this.position++] as number
      result |= BigInt(byte & 0x7f) << shift
      if ((byte & 0x80) === 0) return BigInt.asUintN(64, result)
    }
    this.fail('a number longer than 10 bytes')
  }

  /** An int32/enum field: negative values travel as 64-bit two's complement. */
  readInt32(): number {
    return Number(BigInt.asIntN(32, this.readVarint()))
  }

  readBytes(): Uint8Array {
    const length = this.readVarint()
    if (length > BigInt(this.bytes.length - this.position)) this.fail('cut off inside a field')
    const start = this.position
    this.position += Number(length)
    return this.bytes.subarray(start, this.position)
  }

  readString(): string {
    const bytes = this.readBytes()
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    } catch {
      this.fail('text that is not UTF-8')
    }
  }

  skip(wireType: number): void {
    if (wireType === WIRE_VARINT) this.readVarint()
    else if (wireType === WIRE_LENGTH_DELIMITED) this.readBytes()
    else if (wireType === WIRE_FIXED64) this.advance(8)
    else if (wireType === WIRE_FIXED32) this.advance(4)
    else this.fail(`unsupported wire type ${wireType}`)
  }

  private advance(count: number): void {
    if (this.position + count > this.bytes.length) this.fail('cut off inside a field')
    this.position += count
  }
}
