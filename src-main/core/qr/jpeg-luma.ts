// A baseline JPEG's luminance, and nothing else: the scanner reads only brightness, so the colour
// planes are entropy-decoded (they must be, to reach the next block) but never transformed,
// upsampled or converted. That skips most of a full decoder's work and all of its colour memory:
// a 4K screenshot needs its file, one 8-bit plane and a few small tables. The inverse DCT is
// libjpeg's accurate integer one (jidctint), so the plane matches `djpeg -grayscale`.
//
// The headers are read here; each scan's entropy-coded data is decoded by wasm/jpeg-scan.c,
// compiled to WebAssembly, which runs at full speed from a command's first decode.
//
// Decoded here: Huffman-coded sequential frames (SOF0, SOF1) with 8-bit samples, one component
// (grey) or three (YCbCr) whose first is at full resolution, interleaved or not, with restart
// intervals. Anything else (progressive, RGB or CMYK, 12-bit, arithmetic coding) returns null and
// is left to the general decoder. A file that ends early or breaks the format is refused.
import { CairnError } from '../errors.ts'
import { checkPixelBudget } from './image-header.ts'
import { JpegScanMemory } from './jpeg-scan-wasm.ts'
import type { ScanLayout } from './jpeg-scan-wasm.ts'
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

/**
 * `maxPixels` bounds the frame this decoder reads, whatever a header check read before it: the
 * plane is sized from this frame header.
 */
export function decodeJpegLuma(bytes: Uint8Array, maxPixels: number): RawImage | null {
  const image: { memory: JpegScanMemory | null } = { memory: null }
  try {
    return decodeWith(bytes, maxPixels, image)
  } finally {
    image.memory?.release()
  }
}

function decodeWith(
  bytes: Uint8Array,
  maxPixels: number,
  image: { memory: JpegScanMemory | null },
): RawImage | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const quantTables: (Int32Array | undefined)[] = []
  // Which Huffman table slots this file has defined (the tables themselves live in the module).
  const tables: HuffmanSlots = {
    dc: [false, false, false, false],
    ac: [false, false, false, false],
  }
  let frame: Frame | null = null
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
    // Markers without a length (a stray restart, start of image, TEM), as the header check reads them.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      i += 2
      continue
    }
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
        readHuffmanTables(body, tables)
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
        if (frame) checkPixelBudget(frame.width, frame.height, maxPixels)
        if (!frame || !isLuminanceFirst(frame, adobeTransform)) return null
        const luma = frame.components[0]!
        planeWidth = frame.mcusPerLine * luma.h * 8
        image.memory = new JpegScanMemory(bytes, planeWidth, frame.mcusPerColumn * luma.v * 8)
        break
      }
      case 0xda: {
        if (!frame || !image.memory) damaged('no frame header before the image data')
        const scan = readScanHeader(body, frame, tables)
        // A scan without the luminance holds nothing we need: skip its data unread.
        if (!scan.some((s) => s.isLuma)) {
          i = nextMarker(bytes, i)
          break
        }
        const lumaTable = quantTables[frame.components[0]!.quantTable]
        if (!lumaTable) damaged('a quantisation table is missing')
        const zigzagQuant = Int32Array.from(ZIGZAG, (natural) => lumaTable[natural]!)
        const layout = scanLayout(frame, scan, planeWidth, restartInterval)
        const result = image.memory.decodeScan(i, layout, zigzagQuant)
        if ('damaged' in result) damaged(result.damaged)
        lumaScanned = true
        i = nextMarker(bytes, result.position)
        break
      }
      default:
        // Other frame types (progressive, lossless, arithmetic-coded): not ours to decode.
        if (isOtherFrame(marker)) return null
        break
    }
  }
  if (!frame || !image.memory) damaged('no frame header')
  if (!lumaScanned) damaged('no image data')
  const plane = image.memory.planeCopy()
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

interface HuffmanSlots {
  dc: boolean[]
  ac: boolean[]
}

/** Each table is built in the WebAssembly module, which checks that its codes fit their lengths. */
function readHuffmanTables(body: Uint8Array, slots: HuffmanSlots): void {
  for (let at = 0; at < body.length;) {
    const kind = body[at]! >> 4
    const slot = body[at]! & 15
    if (kind > 1 || slot > 3 || at + 17 > body.length) damaged('bad Huffman table')
    const counts = body.subarray(at + 1, at + 17)
    const total = counts.reduce((sum, n) => sum + n, 0)
    if (total > 256 || at + 17 + total > body.length) damaged('bad Huffman table')
    const symbols = body.subarray(at + 17, at + 17 + total)
    if (!JpegScanMemory.buildTable(kind === 0 ? 'dc' : 'ac', slot, counts, symbols)) {
      damaged('bad Huffman table')
    }
    ;(kind === 0 ? slots.dc : slots.ac)[slot] = true
    at += 17 + total
  }
}

interface ScanComponent {
  component: Component
  dcSlot: number
  acSlot: number
  isLuma: boolean
}

function readScanHeader(body: Uint8Array, frame: Frame, slots: HuffmanSlots): ScanComponent[] {
  const count = body[0] ?? 0
  if (count < 1 || count > 4 || body.length !== 4 + 2 * count) damaged('bad scan header')
  const scan: ScanComponent[] = []
  for (let c = 0; c < count; c++) {
    const id = body[1 + 2 * c]!
    const tables = body[2 + 2 * c]!
    const component = frame.components.find((fc) => fc.id === id)
    const [dcSlot, acSlot] = [tables >> 4, tables & 15]
    if (!component || scan.some((s) => s.component === component)) damaged('bad scan header')
    if (!slots.dc[dcSlot] || !slots.ac[acSlot]) damaged('a Huffman table is missing')
    scan.push({ component, dcSlot, acSlot, isLuma: component === frame.components[0] })
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

const MAX_BLOCKS_PER_MCU = 10

/**
 * The order of a scan's blocks: in an MCU, each scan component's blocks row by row, with their
 * place in the plane; a scan of one component covers just its blocks, one block per MCU.
 */
function scanLayout(
  frame: Frame,
  scan: ScanComponent[],
  planeWidth: number,
  restartInterval: number,
): ScanLayout {
  const single = scan.length === 1
  const only = scan[0]!.component
  const blocks = scan.flatMap((entry, s) => {
    const h = single ? 1 : entry.component.h
    const v = single ? 1 : entry.component.v
    return Array.from({ length: h * v }, (_, b) => ({
      s,
      isLuma: entry.isLuma,
      offset: ((b / h) | 0) * 8 * planeWidth + (b % h) * 8,
    }))
  })
  // The spec allows at most ten blocks an MCU (libjpeg refuses more, as does the module).
  if (blocks.length > MAX_BLOCKS_PER_MCU) damaged('too many blocks in a unit of the scan')
  const luma = frame.components[0]!
  return {
    restartInterval,
    dcSlots: scan.map((entry) => entry.dcSlot),
    acSlots: scan.map((entry) => entry.acSlot),
    blockComponents: blocks.map((b) => b.s),
    blockIsLuma: blocks.map((b) => b.isLuma),
    blockOffsets: blocks.map((b) => b.offset),
    mcusAcross: single ? only.blocksPerLine : frame.mcusPerLine,
    mcusDown: single ? only.blocksPerColumn : frame.mcusPerColumn,
    mcuWidth: (single ? 1 : luma.h) * 8,
    mcuHeight: (single ? 1 : luma.v) * 8,
  }
}
