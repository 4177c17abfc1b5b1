import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ProtoReader } from '../../../src-main/core/migration/protobuf-reader.ts'
import { protoBytes } from './fixtures/migration-encoder.ts'

const fail = (message: string): never => {
  throw new Error(message)
}
const reader = (bytes: number[]) => new ProtoReader(new Uint8Array(bytes), fail)

describe('ProtoReader', () => {
  it('reads one-byte, multi-byte and full 64-bit varints', () => {
    expect(reader([0x05]).readVarint()).toBe(5n)
    expect(reader([0xac, 0x02]).readVarint()).toBe(300n)
    const max = reader([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01])
    expect(max.readVarint()).toBe(2n ** 64n - 1n)
  })

  it('round-trips any 64-bit value written by the test encoder', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), (value) => {
        const r = reader(protoBytes.varint(value))
        expect(r.readVarint()).toBe(value)
        expect(r.done).toBe(true)
      }),
    )
  })

  it('reads a negative int32 sent as ten bytes', () => {
    expect(reader(protoBytes.varint(-1n)).readInt32()).toBe(-1)
  })

  it('reads field keys and length-delimited bytes', () => {
    const r = reader([...protoBytes.textField(2, 'héllo'), ...protoBytes.varintField(7, 9)])
    expect(r.readField()).toEqual({ field: 2, wireType: 2 })
    expect(r.readString()).toBe('héllo')
    expect(r.readField()).toEqual({ field: 7, wireType: 0 })
    expect(r.readVarint()).toBe(9n)
    expect(r.done).toBe(true)
  })

  it('skips fixed-width fields', () => {
    const r = reader([0x0d, 1, 2, 3, 4, 0x11, 1, 2, 3, 4, 5, 6, 7, 8, 0x18, 0x2a])
    r.skip(r.readField().wireType)
    r.skip(r.readField().wireType)
    expect(r.readField().field).toBe(3)
    expect(r.readVarint()).toBe(42n)
  })

  it('refuses cut-off and malformed input', () => {
    expect(() => reader([0x80]).readVarint()).toThrow(/cut off/)
    expect(() => reader(Array(11).fill(0x80)).readVarint()).toThrow(/longer than 10/)
    expect(() => reader([0x05, 1, 2]).readBytes()).toThrow(/cut off/)
    expect(() => reader([0x02, 0xc3, 0x28]).readString()).toThrow(/UTF-8/)
    expect(() => reader([0x0d, 1, 2]).skip(5)).toThrow(/cut off/)
    expect(() => reader([]).skip(3)).toThrow(/wire type 3/)
    expect(() => reader([0x00]).readField()).toThrow(/field number 0/)
  })
})
