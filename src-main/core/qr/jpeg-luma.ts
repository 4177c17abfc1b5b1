// A baseline JPEG's luminance, and nothing else: the scanner reads only brightness, so the colour
// planes are entropy-decoded (they must be, to reach the next block) but never transformed,
// upsampled or converted. That skips most of a full decoder's work and all of its colour memory:
// a 4K screenshot needs its file, one 8-bit plane and a few small tables. The inverse DCT is
// libjpeg's accurate integer one (jidctint), so the plane matches `djpeg -grayscale`.
//
// Decoded here: Huffman-coded sequential frames (SOF0, SOF1) with 8-bit samples, one component
// (grey) or three (YCbCr) whose first is at full resolution, interleaved or not, with restart
// intervals. Anything else (progressive, RGB or CMYK, 12-bit, arithmetic coding) returns null and
// is left to the general decoder. A file that ends early or breaks the format is refused.
import { CairnError } from '../errors.ts'
import type { RawImage } from './raw-image.ts'

function damaged(detail: string): never {
  throw new CairnError('MALFORMED_IMAGE', `Damaged JPEG file: ${detail}`)
}

/** Natural (row-major) position of each coefficient in the order the file stores them. */
const ZIGZAG = Uint8Array.from([
  0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20,
  13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52,
  45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
])

interface Component {
  id: number
  h: number
  v: number
  quantTable: number
  blocksPerLine: number
  blocksPerColumn: number
}

interface Frame {
  width: number
  height: number
  components: Component[]
  maxH: number
  maxV: number
  mcusPerLine: number
  mcusPerColumn: number
}

interface HuffmanTable {
  /** For codes up to LOOKUP_BITS long: (length << 8) | symbol, indexed by the next bits; 0 = longer. */
  lookup: Uint16Array
  /**
   * For AC codes whose code and value bits together fit in LOOKUP_BITS, indexed by the next bits:
   * (value << 8) | (zero run << 4) | bits used, all of a coefficient in one look-up; the end of
   * a block as its code's length alone (no value, no run); 0 = neither.
   */
  fastAc: Int32Array
  /**
   * For DC codes whose code and value bits together fit in LOOKUP_BITS, indexed by the next bits:
   * (difference << 8) | 16 | bits used; 0 = not so.
   */
  fastDc: Int32Array
  maxCode: Int32Array
  valueOffset: Int32Array
  symbols: Uint8Array
}

const LOOKUP_BITS = 13
const LOOKUP_MASK = (1 << LOOKUP_BITS) - 1

/** For each position in file order: the bit of its column if it lies below the first row. */
const LOWER_COLUMN = Uint8Array.from(ZIGZAG, (p) => (p >= 8 ? 1 << (p & 7) : 0))

export function decodeJpegLuma(bytes: Uint8Array): RawImage | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const quantTables: (Int32Array | undefined)[] = []
  const dcTables: (HuffmanTable | undefined)[] = []
  const acTables: (HuffmanTable | undefined)[] = []
  let frame: Frame | null = null
  let plane: Uint8Array | null = null
  let planeWidth = 0
  let restartInterval = 0
  let adobeTransform: number | null = null
  let lumaScanned = false

  let i = 2
  for (;;) {
    if (i + 2 > bytes.length) {
      // A file whose image data is complete but whose end marker is missing is read, as libjpeg does.
      if (lumaScanned) break
      damaged('the file ends early')
    }
    if (bytes[i] !== 0xff) damaged('a segment marker is missing')
    const marker = bytes[i + 1]!
    if (marker === 0xff) {
      i++ // fill byte
      continue
    }
    if (marker === 0xd9) break // end of image
    if (i + 4 > bytes.length) damaged('the file ends early')
    const length = view.getUint16(i + 2)
    const start = i + 4
    const end = i + 2 + length
    if (length < 2 || end > bytes.length) damaged('a segment runs past the end of the file')
    const body = bytes.subarray(start, end)
    i = end
    switch (marker) {
      case 0xdb:
        readQuantTables(body, quantTables)
        break
      case 0xc4:
        readHuffmanTables(body, dcTables, acTables)
        break
      case 0xdd:
        if (length !== 4) damaged('bad restart interval')
        restartInterval = view.getUint16(start)
        break
      case 0xee:
        // Adobe's segment says whether three components are YCbCr (1) or RGB (0).
        if (body.length >= 12 && String.fromCharCode(...body.subarray(0, 5)) === 'Adobe') {
          adobeTransform = body[11]!
        }
        break
      case 0xc0:
      case 0xc1: {
        if (frame) damaged('more than one frame header')
        frame = readFrame(body)
        if (!frame || !isLuminanceFirst(frame, adobeTransform)) return null
        const luma = frame.components[0]!
        planeWidth = frame.mcusPerLine * luma.h * 8
        plane = new Uint8Array(planeWidth * frame.mcusPerColumn * luma.v * 8)
        break
      }
      case 0xda: {
        if (!frame || !plane) damaged('no frame header before the image data')
        const scan = readScanHeader(body, frame, dcTables, acTables)
        // A scan without the luminance holds nothing we need: skip its data unread.
        if (!scan.some((s) => s.isLuma)) {
          i = nextMarker(bytes, i)
          break
        }
        const lumaTable = quantTables[frame.components[0]!.quantTable]
        if (!lumaTable) damaged('a quantisation table is missing')
        const decoder = new ScanDecoder(bytes, i, restartInterval)
        decoder.decode(frame, scan, plane, planeWidth, lumaTable)
        lumaScanned = true
        i = nextMarker(bytes, decoder.position)
        break
      }
      default:
        // Other frame types (progressive, lossless, arithmetic-coded): not ours to decode.
        if (isOtherFrame(marker)) return null
        break
    }
  }
  if (!frame || !plane) damaged('no frame header')
  if (!lumaScanned) damaged('no image data')
  return { pixels: crop(plane, planeWidth, frame.width, frame.height), ...size(frame) }
}

const isOtherFrame = (m: number) => m >= 0xc2 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc

function size(frame: Frame): Omit<RawImage, 'pixels'> {
  return { width: frame.width, height: frame.height, format: 'grey' }
}

/** The plane's rows packed to the image width, in place. */
function crop(plane: Uint8Array, planeWidth: number, width: number, height: number): Uint8Array {
  if (planeWidth !== width) {
    for (let y = 1; y < height; y++) {
      plane.copyWithin(y * width, y * planeWidth, y * planeWidth + width)
    }
  }
  return plane.subarray(0, width * height)
}

function readFrame(body: Uint8Array): Frame | null {
  if (body.length < 6) damaged('bad frame header')
  const precision = body[0]!
  const height = (body[1]! << 8) | body[2]!
  const width = (body[3]! << 8) | body[4]!
  const count = body[5]!
  if (precision !== 8) return null
  if (width === 0 || height === 0 || count === 0 || body.length < 6 + count * 3) {
    damaged('bad frame header')
  }
  const components: Component[] = []
  for (let c = 0; c < count; c++) {
    const at = 6 + c * 3
    const h = body[at + 1]! >> 4
    const v = body[at + 1]! & 15
    if (h < 1 || h > 4 || v < 1 || v > 4 || body[at + 2]! > 3) damaged('bad frame header')
    components.push({
      id: body[at]!,
      h,
      v,
      quantTable: body[at + 2]!,
      blocksPerLine: 0,
      blocksPerColumn: 0,
    })
  }
  const maxH = Math.max(...components.map((c) => c.h))
  const maxV = Math.max(...components.map((c) => c.v))
  for (const c of components) {
    c.blocksPerLine = Math.ceil(Math.ceil((width * c.h) / maxH) / 8)
    c.blocksPerColumn = Math.ceil(Math.ceil((height * c.v) / maxV) / 8)
  }
  return {
    width,
    height,
    components,
    maxH,
    maxV,
    mcusPerLine: Math.ceil(width / (8 * maxH)),
    mcusPerColumn: Math.ceil(height / (8 * maxV)),
  }
}

/** Grey, or YCbCr with Y at full resolution (not RGB, not CMYK). */
function isLuminanceFirst(frame: Frame, adobeTransform: number | null): boolean {
  const [first, ...rest] = frame.components
  if (first!.h !== frame.maxH || first!.v !== frame.maxV) return false
  if (rest.length === 0) return true
  if (rest.length !== 2 || adobeTransform === 0) return false
  const ids = String.fromCharCode(...frame.components.map((c) => c.id))
  return ids !== 'RGB' && ids !== 'rgb'
}

function readQuantTables(body: Uint8Array, tables: (Int32Array | undefined)[]): void {
  for (let at = 0; at < body.length;) {
    const wide = body[at]! >> 4
    const slot = body[at]! & 15
    const size = wide ? 128 : 64
    if (wide > 1 || slot > 3 || at + 1 + size > body.length) damaged('bad quantisation table')
    const table = new Int32Array(64)
    for (let k = 0; k < 64; k++) {
      table[ZIGZAG[k]!] = wide
        ? (body[at + 1 + 2 * k]! << 8) | body[at + 2 + 2 * k]!
        : body[at + 1 + k]!
    }
    tables[slot] = table
    at += 1 + size
  }
}

function readHuffmanTables(
  body: Uint8Array,
  dc: (HuffmanTable | undefined)[],
  ac: (HuffmanTable | undefined)[],
): void {
  for (let at = 0; at < body.length;) {
    const kind = body[at]! >> 4
    const slot = body[at]! & 15
    if (kind > 1 || slot > 3 || at + 17 > body.length) damaged('bad Huffman table')
    const counts = body.subarray(at + 1, at + 17)
    const total = counts.reduce((sum, n) => sum + n, 0)
    if (total > 256 || at + 17 + total > body.length) damaged('bad Huffman table')
    const table = buildHuffmanTable(counts, body.subarray(at + 17, at + 17 + total))
    if (kind === 0) dc[slot] = table
    else ac[slot] = table
    at += 17 + total
  }
}

function buildHuffmanTable(counts: Uint8Array, symbols: Uint8Array): HuffmanTable {
  const lookup = new Uint16Array(1 << LOOKUP_BITS)
  const maxCode = new Int32Array(18).fill(-1)
  const valueOffset = new Int32Array(18)
  let code = 0
  let k = 0
  for (let length = 1; length <= 16; length++) {
    const n = counts[length - 1]!
    valueOffset[length] = k - code
    for (let j = 0; j < n; j++, k++, code++) {
      if (length <= LOOKUP_BITS) {
        const shift = LOOKUP_BITS - length
        const entry = (length << 8) | symbols[k]!
        lookup.fill(entry, code << shift, (code + 1) << shift)
      }
    }
    if (n > 0) maxCode[length] = code - 1
    if (code > 1 << length) damaged('bad Huffman table')
    code <<= 1
  }
  return {
    lookup,
    fastAc: fastAcTable(lookup),
    fastDc: fastDcTable(lookup),
    maxCode,
    valueOffset,
    symbols: symbols.slice(),
  }
}

/** The fastDc entries a symbol look-up table implies (as a DC table; unused for AC). */
function fastDcTable(lookup: Uint16Array): Int32Array {
  const fast = new Int32Array(1 << LOOKUP_BITS)
  for (let peek = 0; peek < fast.length; peek++) {
    const entry = lookup[peek]!
    if (entry === 0) continue
    const length = entry >> 8
    const size = entry & 255
    if (size > 15 || length + size > LOOKUP_BITS) continue
    const bits = size === 0 ? 0 : (peek >> (LOOKUP_BITS - length - size)) & ((1 << size) - 1)
    const value = size === 0 ? 0 : bits < 1 << (size - 1) ? bits - (1 << size) + 1 : bits
    fast[peek] = (value << 8) | 16 | (length + size)
  }
  return fast
}

/** The fastAc entries a symbol look-up table implies (as an AC table; unused for DC). */
function fastAcTable(lookup: Uint16Array): Int32Array {
  const fast = new Int32Array(1 << LOOKUP_BITS)
  for (let peek = 0; peek < fast.length; peek++) {
    const entry = lookup[peek]!
    if (entry === 0) continue
    const length = entry >> 8
    const run = (entry >> 4) & 15
    const size = entry & 15
    // End of block: value and run zero, its code's length. Runs of 16 zeros (size 0, run 15)
    // stay with the general path.
    if (size === 0 && run === 0) {
      fast[peek] = length
      continue
    }
    if (size === 0 || length + size > LOOKUP_BITS) continue
    const bits = (peek >> (LOOKUP_BITS - length - size)) & ((1 << size) - 1)
    const value = bits < 1 << (size - 1) ? bits - (1 << size) + 1 : bits
    fast[peek] = (value << 8) | (run << 4) | (length + size)
  }
  return fast
}

interface ScanComponent {
  component: Component
  dc: HuffmanTable
  ac: HuffmanTable
  isLuma: boolean
}

function readScanHeader(
  body: Uint8Array,
  frame: Frame,
  dcTables: (HuffmanTable | undefined)[],
  acTables: (HuffmanTable | undefined)[],
): ScanComponent[] {
  const count = body[0] ?? 0
  if (count < 1 || count > 4 || body.length !== 4 + 2 * count) damaged('bad scan header')
  const scan: ScanComponent[] = []
  for (let c = 0; c < count; c++) {
    const id = body[1 + 2 * c]!
    const tables = body[2 + 2 * c]!
    const component = frame.components.find((fc) => fc.id === id)
    const dc = dcTables[tables >> 4]
    const ac = acTables[tables & 15]
    if (!component || scan.some((s) => s.component === component)) damaged('bad scan header')
    if (!dc || !ac) damaged('a Huffman table is missing')
    scan.push({ component, dc, ac, isLuma: component === frame.components[0] })
  }
  const spectralStart = body[1 + 2 * count]!
  const spectralEnd = body[2 + 2 * count]!
  const approximation = body[3 + 2 * count]!
  if (spectralStart !== 0 || spectralEnd !== 63 || approximation !== 0) {
    damaged('bad scan header')
  }
  return scan
}

/** Where the next marker (other than a restart marker) starts, from `from` on; else the end. */
function nextMarker(bytes: Uint8Array, from: number): number {
  let i = from
  for (;;) {
    i = bytes.indexOf(0xff, i)
    if (i === -1 || i + 1 >= bytes.length) return bytes.length
    const next = bytes[i + 1]!
    if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) i += 2
    else if (next === 0xff) i += 1
    else return i
  }
}

/** libjpeg's jidctint constants: cosines scaled by 2^13. */
const CONST_BITS = 13
const PASS1_BITS = 2
const FIX_0_298631336 = 2446
const FIX_0_390180644 = 3196
const FIX_0_541196100 = 4433
const FIX_0_765366865 = 6270
const FIX_0_899976223 = 7373
const FIX_1_175875602 = 9633
const FIX_1_501321110 = 12299
const FIX_1_847759065 = 15137
const FIX_1_961570560 = 16069
const FIX_2_053119869 = 16819
const FIX_2_562915447 = 20995
const FIX_3_072711026 = 25172

const clamp = (v: number) => (v < 0 ? 0 : v > 255 ? 255 : v)

/**
 * One scan's entropy-coded data, MCU by MCU. The bit reader keeps up to 32 bits; past the data
 * (a marker, or the file's end) it reads zero bits and counts them, so a scan that needed any of
 * them is known to be cut short.
 */
class ScanDecoder {
  private readonly data: Uint8Array
  private pos: number
  private bits = 0
  private count = 0
  private padding = 0
  private atMarker = false
  private readonly restartInterval: number
  private readonly block = new Int32Array(64)
  /** AC coefficients of the last block read: a block with none is flat (one value). */
  private acCount = 0
  /** Bit c set: column c of the last block read has a coefficient below its first row. */
  private acColumns = 0
  private readonly work = new Int32Array(64)

  constructor(data: Uint8Array, pos: number, restartInterval: number) {
    this.data = data
    this.pos = pos
    this.restartInterval = restartInterval
  }

  /** Where reading stopped: the next marker is at or after this. */
  get position(): number {
    return this.pos
  }

  decode(
    frame: Frame,
    scan: ScanComponent[],
    plane: Uint8Array,
    planeWidth: number,
    quant: Int32Array,
  ): void {
    const single = scan.length === 1
    const only = scan[0]!.component
    // A scan of one component covers just its blocks, one block per MCU.
    const mcusAcross = single ? only.blocksPerLine : frame.mcusPerLine
    const mcusDown = single ? only.blocksPerColumn : frame.mcusPerColumn
    const total = mcusAcross * mcusDown
    // Coefficients are dequantised as they are read, in the order the file stores them.
    const zigzagQuant = new Int32Array(64)
    for (let k = 0; k < 64; k++) zigzagQuant[k] = quant[ZIGZAG[k]!]!
    // Blocks start at multiples of 8 in a plane whose width is one too: flat rows of a block are
    // written as two 4-byte words.
    const words = new Int32Array(plane.buffer, plane.byteOffset, plane.length >> 2)
    // Each block of an MCU in order: its component's place in the scan and its offset in blocks.
    const plan = scan.flatMap((entry, s) => {
      const h = single ? 1 : entry.component.h
      const v = single ? 1 : entry.component.v
      return Array.from({ length: h * v }, (_, b) => ({ s, dx: b % h, dy: (b / h) | 0 }))
    })
    const blocks = plan.length
    const planScan = Int32Array.from(plan, (p) => p.s)
    const planLuma = Uint8Array.from(plan, (p) => (scan[p.s]!.isLuma ? 1 : 0))
    const planOffset = Int32Array.from(plan, (p) => p.dy * 8 * planeWidth + p.dx * 8)
    const dcs = scan.map((entry) => entry.dc)
    const acs = scan.map((entry) => entry.ac)
    const luma = scan.find((entry) => entry.isLuma)!.component
    const mcuWidth = (single ? 1 : luma.h) * 8
    const mcuHeight = (single ? 1 : luma.v) * 8
    const wordStride = planeWidth >> 2
    const predictors = new Int32Array(scan.length)
    for (let mcu = 0; mcu < total; mcu++) {
      if (this.restartInterval > 0 && mcu > 0 && mcu % this.restartInterval === 0) {
        this.restart()
        predictors.fill(0)
      }
      const row = (mcu / mcusAcross) | 0
      const origin = row * mcuHeight * planeWidth + (mcu - row * mcusAcross) * mcuWidth
      for (let b = 0; b < blocks; b++) {
        const s = planScan[b]!
        if (planLuma[b] === 0) {
          this.skipBlock(dcs[s]!, acs[s]!)
          continue
        }
        predictors[s] = this.readBlock(dcs[s]!, acs[s]!, predictors[s]!, zigzagQuant)
        const at = origin + planOffset[b]!
        if (this.acCount === 0) fillFlat(this.block[0]!, words, at >> 2, wordStride)
        else this.inverseDct(words, at >> 2, wordStride)
      }
    }
    if (this.padding * 8 > this.count) damaged('the image data ends early')
  }

  private restart(): void {
    if (this.padding * 8 > this.count) damaged('the image data ends early')
    const { data } = this
    // The reader stops at a marker without consuming it; skip to it if bits were left unread.
    let at = this.atMarker ? this.pos : nextMarkerOrRestart(data, this.pos)
    if (at + 1 >= data.length || data[at] !== 0xff) damaged('a restart marker is missing')
    const marker = data[at + 1]!
    if (marker < 0xd0 || marker > 0xd7) damaged('a restart marker is missing')
    at += 2
    this.pos = at
    this.bits = 0
    this.count = 0
    this.padding = 0
    this.atMarker = false
  }

  private fill(): void {
    const { data } = this
    const pos = this.pos
    // Two bytes at once where neither is 0xFF, as most of the data is: up to 32 bits held.
    if (!this.atMarker && pos + 1 < data.length) {
      const first = data[pos]!
      const second = data[pos + 1]!
      if (first !== 0xff && second !== 0xff) {
        this.bits = (this.bits << 16) | (first << 8) | second
        this.count += 16
        this.pos = pos + 2
        return
      }
    }
    while (this.count <= 16) {
      let byte = 0
      if (!this.atMarker && this.pos < data.length) {
        byte = data[this.pos]!
        if (byte === 0xff) {
          const next = data[this.pos + 1]
          if (next === 0x00) this.pos += 2
          else {
            this.atMarker = true
            byte = 0
            this.padding++
          }
        } else this.pos++
      } else this.padding++
      this.bits = (this.bits << 8) | byte
      this.count += 8
    }
  }

  private decodeSymbol(table: HuffmanTable): number {
    if (this.count <= 16) this.fill()
    const entry =
      table.lookup[(this.bits >> (this.count - LOOKUP_BITS)) & ((1 << LOOKUP_BITS) - 1)]!
    if (entry !== 0) {
      this.count -= entry >> 8
      return entry & 255
    }
    for (let length = LOOKUP_BITS + 1; length <= 16; length++) {
      const code = (this.bits >> (this.count - length)) & ((1 << length) - 1)
      if (code <= table.maxCode[length]!) {
        this.count -= length
        return table.symbols[table.valueOffset[length]! + code]!
      }
    }
    damaged('bad Huffman code')
  }

  /** `size` bits as a signed value (JPEG's EXTEND). */
  private receive(size: number): number {
    if (size === 0) return 0
    if (size > 16) damaged('bad coefficient')
    if (this.count < size) this.fill()
    const v = (this.bits >> (this.count - size)) & ((1 << size) - 1)
    this.count -= size
    return v < 1 << (size - 1) ? v - (1 << size) + 1 : v
  }

  /** A block's DC difference. */
  private readDc(table: HuffmanTable): number {
    if (this.count <= 16) this.fill()
    const fast = table.fastDc[(this.bits >> (this.count - LOOKUP_BITS)) & LOOKUP_MASK]!
    if (fast !== 0) {
      this.count -= fast & 15
      return fast >> 8
    }
    return this.receive(this.decodeSymbol(table))
  }

  /** A colour block, decoded only to reach the next one. */
  private skipBlock(dc: HuffmanTable, ac: HuffmanTable): void {
    this.readDc(dc)
    const fastAc = ac.fastAc
    const data = this.data
    let bits = this.bits
    let count = this.count
    let pos = this.pos
    let plainUntil = this.atMarker ? -1 : data.length - 1
    for (let k = 1; k < 64;) {
      if (count <= 16) {
        // Two bytes at once where neither is 0xFF, as most of the data is; else the general fill.
        if (pos < plainUntil && data[pos] !== 0xff && data[pos + 1] !== 0xff) {
          bits = (bits << 16) | (data[pos]! << 8) | data[pos + 1]!
          count += 16
          pos += 2
        } else {
          this.bits = bits
          this.count = count
          this.pos = pos
          this.fill()
          ;({ bits, count, pos } = this)
          plainUntil = this.atMarker ? -1 : data.length - 1
        }
      }
      const fast = fastAc[(bits >> (count - LOOKUP_BITS)) & LOOKUP_MASK]!
      if (fast !== 0) {
        count -= fast & 15
        if (fast >> 4 === 0) break // end of block
        k += ((fast >> 4) & 15) + 1
        continue
      }
      this.bits = bits
      this.count = count
      this.pos = pos
      const rs = this.decodeSymbol(ac)
      const size = rs & 15
      if (size !== 0) {
        k += (rs >> 4) + 1
        this.receive(size)
      } else if (rs === 0xf0) k += 16
      // The reader's state back in locals before anything else, the end of the block included.
      ;({ bits, count, pos } = this)
      plainUntil = this.atMarker ? -1 : data.length - 1
      if (size === 0 && rs !== 0xf0) break
    }
    this.bits = bits
    this.count = count
    this.pos = pos
  }

  /**
   * Reads one block's coefficients, dequantised, into `this.block` (natural order), which the
   * inverse DCT leaves all zero; returns the new DC. Notes in `acColumns` the columns holding a
   * coefficient below the first row, and in `acCount` how many AC coefficients the block has.
   * The bit reader's state is kept in locals here, the hottest loop of the decoder.
   */
  private readBlock(
    dc: HuffmanTable,
    ac: HuffmanTable,
    predictor: number,
    zigzagQuant: Int32Array,
  ): number {
    const block = this.block
    let columns = 0
    let coefficients = 0
    const value = predictor + this.readDc(dc)
    block[0] = value * zigzagQuant[0]!
    const fastAc = ac.fastAc
    const data = this.data
    let bits = this.bits
    let count = this.count
    let pos = this.pos
    let plainUntil = this.atMarker ? -1 : data.length - 1
    for (let k = 1; k < 64;) {
      if (count <= 16) {
        if (pos < plainUntil && data[pos] !== 0xff && data[pos + 1] !== 0xff) {
          bits = (bits << 16) | (data[pos]! << 8) | data[pos + 1]!
          count += 16
          pos += 2
        } else {
          this.bits = bits
          this.count = count
          this.pos = pos
          this.fill()
          ;({ bits, count, pos } = this)
          plainUntil = this.atMarker ? -1 : data.length - 1
        }
      }
      const fast = fastAc[(bits >> (count - LOOKUP_BITS)) & LOOKUP_MASK]!
      let coefficient = 0
      if (fast !== 0) {
        count -= fast & 15
        if (fast >> 4 === 0) break // end of block
        k += (fast >> 4) & 15
        coefficient = fast >> 8
      } else {
        this.bits = bits
        this.count = count
        this.pos = pos
        const rs = this.decodeSymbol(ac)
        const size = rs & 15
        if (size !== 0) {
          k += rs >> 4
          coefficient = this.receive(size)
        }
        ;({ bits, count, pos } = this)
        plainUntil = this.atMarker ? -1 : data.length - 1
        if (size === 0) {
          if (rs !== 0xf0) break
          k += 16
          continue
        }
      }
      if (k > 63) damaged('bad coefficient position')
      block[ZIGZAG[k]!] = coefficient * zigzagQuant[k]!
      columns |= LOWER_COLUMN[k]!
      coefficients++
      k++
    }
    this.bits = bits
    this.count = count
    this.pos = pos
    this.acColumns = columns
    this.acCount = coefficients
    return value
  }

  /**
   * libjpeg's jidctint on `this.block` (dequantised) into the plane at `at`, zeroing the block as
   * it reads it.
   */
  private inverseDct(words: Int32Array, at: number, stride: number): void {
    const b = this.block
    const w = this.work
    const columns = this.acColumns
    // Pass 1: columns, into the work array scaled by 2^PASS1_BITS.
    for (let c = 0; c < 8; c++) {
      if ((columns & (1 << c)) === 0) {
        // Only the first row's coefficient: the column is that value throughout.
        const dcval = b[c]! << PASS1_BITS
        b[c] = 0
        for (let r = 0; r < 64; r += 8) w[r + c] = dcval
        continue
      }
      let z2 = b[16 + c]!
      let z3 = b[48 + c]!
      let z1 = Math.imul(z2 + z3, FIX_0_541196100)
      let tmp2 = z1 + Math.imul(z3, -FIX_1_847759065)
      let tmp3 = z1 + Math.imul(z2, FIX_0_765366865)
      z2 = b[c]!
      z3 = b[32 + c]!
      let tmp0 = (z2 + z3) << CONST_BITS
      let tmp1 = (z2 - z3) << CONST_BITS
      const tmp10 = tmp0 + tmp3
      const tmp13 = tmp0 - tmp3
      const tmp11 = tmp1 + tmp2
      const tmp12 = tmp1 - tmp2

      tmp0 = b[56 + c]!
      tmp1 = b[40 + c]!
      tmp2 = b[24 + c]!
      tmp3 = b[8 + c]!
      b[c] = b[8 + c] = b[16 + c] = b[24 + c] = b[32 + c] = b[40 + c] = b[48 + c] = b[56 + c] = 0
      z1 = tmp0 + tmp3
      z2 = tmp1 + tmp2
      z3 = tmp0 + tmp2
      let z4 = tmp1 + tmp3
      const z5 = Math.imul(z3 + z4, FIX_1_175875602)
      z1 = Math.imul(z1, -FIX_0_899976223)
      z2 = Math.imul(z2, -FIX_2_562915447)
      z3 = Math.imul(z3, -FIX_1_961570560) + z5
      z4 = Math.imul(z4, -FIX_0_390180644) + z5
      tmp0 = Math.imul(tmp0, FIX_0_298631336) + z1 + z3
      tmp1 = Math.imul(tmp1, FIX_2_053119869) + z2 + z4
      tmp2 = Math.imul(tmp2, FIX_3_072711026) + z2 + z3
      tmp3 = Math.imul(tmp3, FIX_1_501321110) + z1 + z4

      const shift = CONST_BITS - PASS1_BITS
      const round = 1 << (shift - 1)
      w[c] = (tmp10 + tmp3 + round) >> shift
      w[56 + c] = (tmp10 - tmp3 + round) >> shift
      w[8 + c] = (tmp11 + tmp2 + round) >> shift
      w[48 + c] = (tmp11 - tmp2 + round) >> shift
      w[16 + c] = (tmp12 + tmp1 + round) >> shift
      w[40 + c] = (tmp12 - tmp1 + round) >> shift
      w[24 + c] = (tmp13 + tmp0 + round) >> shift
      w[32 + c] = (tmp13 - tmp0 + round) >> shift
    }
    // Pass 2: rows, descaled and level-shifted into samples.
    const shift = CONST_BITS + PASS1_BITS + 3
    const round = 1 << (shift - 1)
    for (let r = 0, o = at; r < 64; r += 8, o += stride) {
      if (
        w[r + 1] === 0 &&
        w[r + 2] === 0 &&
        w[r + 3] === 0 &&
        w[r + 4] === 0 &&
        w[r + 5] === 0 &&
        w[r + 6] === 0 &&
        w[r + 7] === 0
      ) {
        const v = clamp(((w[r]! + (1 << (PASS1_BITS + 2))) >> (PASS1_BITS + 3)) + 128)
        words[o] = words[o + 1] = v | (v << 8) | (v << 16) | (v << 24)
        continue
      }
      const z2 = w[r + 2]!
      const z3 = w[r + 6]!
      const z1 = Math.imul(z2 + z3, FIX_0_541196100)
      const e2 = z1 + Math.imul(z3, -FIX_1_847759065)
      const e3 = z1 + Math.imul(z2, FIX_0_765366865)
      const e0 = (w[r]! + w[r + 4]!) << CONST_BITS
      const e1 = (w[r]! - w[r + 4]!) << CONST_BITS
      const tmp10 = e0 + e3
      const tmp13 = e0 - e3
      const tmp11 = e1 + e2
      const tmp12 = e1 - e2
      const o7 = w[r + 7]!
      const o5 = w[r + 5]!
      const o3 = w[r + 3]!
      const o1 = w[r + 1]!
      const z5 = Math.imul(o7 + o3 + o5 + o1, FIX_1_175875602)
      const m1 = Math.imul(o7 + o1, -FIX_0_899976223)
      const m2 = Math.imul(o5 + o3, -FIX_2_562915447)
      const m3 = Math.imul(o7 + o3, -FIX_1_961570560) + z5
      const m4 = Math.imul(o5 + o1, -FIX_0_390180644) + z5
      const tmp0 = Math.imul(o7, FIX_0_298631336) + m1 + m3
      const tmp1 = Math.imul(o5, FIX_2_053119869) + m2 + m4
      const tmp2 = Math.imul(o3, FIX_3_072711026) + m2 + m3
      const tmp3 = Math.imul(o1, FIX_1_501321110) + m1 + m4
      // Eight samples as two little-endian words.
      words[o] =
        clamp(((tmp10 + tmp3 + round) >> shift) + 128) |
        (clamp(((tmp11 + tmp2 + round) >> shift) + 128) << 8) |
        (clamp(((tmp12 + tmp1 + round) >> shift) + 128) << 16) |
        (clamp(((tmp13 + tmp0 + round) >> shift) + 128) << 24)
      words[o + 1] =
        clamp(((tmp13 - tmp0 + round) >> shift) + 128) |
        (clamp(((tmp12 - tmp1 + round) >> shift) + 128) << 8) |
        (clamp(((tmp11 - tmp2 + round) >> shift) + 128) << 16) |
        (clamp(((tmp10 - tmp3 + round) >> shift) + 128) << 24)
    }
  }
}

/**
 * A block with only its DC coefficient (dequantised), as jidctint computes it (both passes keep
 * the one value: scaled up by 2^PASS1_BITS, then down by 2^(PASS1_BITS + 3) with rounding),
 * without the passes.
 */
function fillFlat(dc: number, words: Int32Array, at: number, stride: number): void {
  const v = clamp((((dc << PASS1_BITS) + (1 << (PASS1_BITS + 2))) >> (PASS1_BITS + 3)) + 128)
  // Two 4-byte stores a row (fill() costs more than it saves at this length).
  const word = v | (v << 8) | (v << 16) | (v << 24)
  for (let r = 0, o = at; r < 8; r++, o += stride) words[o] = words[o + 1] = word
}

/** After unread entropy-coded bytes: the next marker, restart markers included. */
function nextMarkerOrRestart(bytes: Uint8Array, from: number): number {
  let i = from
  for (;;) {
    i = bytes.indexOf(0xff, i)
    if (i === -1 || i + 1 >= bytes.length) return bytes.length
    const next = bytes[i + 1]!
    if (next === 0x00) i += 2
    else if (next === 0xff) i += 1
    else return i
  }
}
