// Every QR code in an image, in reading order. jsQR decodes one code per call and is slow on a
// whole 4K frame, so the finding is ours: sample rows (on a large image a fifth of them first, a
// third only when that reads nothing or leaves finders unexplained), binarize them locally, find
// finder patterns (both polarities), group them in threes, and hand jsQR only the small region
// around each group, at 2 px a module (half-module cells on the module edges, or an integer
// shrink). A group that decodes retires its finders.
import { CairnError } from '../errors.ts'
import { findFinderPatterns } from './finder-patterns.ts'
import type { FinderPattern } from './finder-patterns.ts'
import { groupFinders } from './finder-groups.ts'
import type { FinderTriple } from './finder-groups.ts'
import { decodeImage } from './image-decode.ts'
import { DEFAULT_MAX_PIXELS } from './image-header.ts'
import { checkRawImage } from './raw-image.ts'
import type { RawImage } from './raw-image.ts'
import { inReadingOrder } from './reading-order.ts'
import { halfModuleGrid } from './module-grid.ts'
import { clampBox, decodeGrid, decodeRegion } from './region-decode.ts'
import type { Box, Point, RegionCode } from './region-decode.ts'
import { SampledBinarizer } from './sampled-binarizer.ts'

export type { Box, Point } from './region-decode.ts'

/** PNG or JPEG file bytes, or raw pixels (e.g. from Electron's NativeImage.toBitmap()). */
export type ScanInput = Uint8Array | RawImage

export interface ScanOptions {
  /** Refuse larger images (IMAGE_TOO_LARGE). Default 34 megapixels (an 8K screen). */
  maxPixels?: number
}

export interface FoundQrCode {
  /** The decoded text (jsQR's reading of the bytes). */
  text: string
  /** The raw payload bytes. */
  bytes: Uint8Array
  /** Symbol corners in image pixels: top-left, top-right, bottom-right, bottom-left. */
  corners: [Point, Point, Point, Point]
  /** Axis-aligned box around the corners. */
  bounds: Box
  /** Drawn light-on-dark. */
  inverted: boolean
}

export interface QrScanResult {
  width: number
  height: number
  /** Every code found, in reading order (rows top to bottom, each left to right). */
  codes: FoundQrCode[]
}

/** Module size jsQR gets after shrinking a region. */
const TARGET_MODULE_PX = 3
/**
 * A triple's region is tried first at this module size: jsQR's time grows with the region's
 * pixels (a long export code at 4 px a module took it about twice as long as at 2), and most codes
 * read at it. Those that do not are tried again at TARGET_MODULE_PX and below.
 */
const FIRST_TRY_MODULE_PX = 2
/** Margin around a triple's finder centres, in modules: half a finder plus a quiet zone. */
const REGION_MARGIN_MODULES = 7.5
/**
 * From this module size up, a square-drawn triple is first read on a grid of half-module cells
 * (module-grid.ts): 2 px a module for jsQR, and clean. Smaller modules gain nothing from it.
 */
const MIN_GRID_MODULE_PX = 2.5
/** The grid's margin around the finder centres: half a finder and a module and a half. */
const GRID_MARGIN_MODULES = 5
/** Attempts on two leftover finders (a code whose third finder was missed). */
const MAX_PAIR_ATTEMPTS = 6

export function scanImage(input: ScanInput, options: ScanOptions = {}): QrScanResult {
  const maxPixels = options.maxPixels ?? DEFAULT_MAX_PIXELS
  let image: RawImage
  if (input instanceof Uint8Array) {
    image = decodeImage(input, maxPixels)
  } else if (input && typeof input === 'object' && 'pixels' in input) {
    checkRawImage(input, maxPixels)
    image = input
  } else {
    throw new CairnError('INVALID_ARGUMENT', 'Expected image bytes or raw pixels')
  }
  return { width: image.width, height: image.height, codes: scanPixels(image) }
}

/**
 * Row sampling, coarsest first. A finder is 7 modules tall, its centre 3: every fifth row crosses
 * the centre or the ring of every finder with modules of 1 px or more (the row scan follows a ring
 * to its centre), every third row the centre itself. A large image is read at the coarse step
 * first, and again at the fine one only when the coarse pass read no code or left finders it could
 * not use. Smaller images are cheap enough to read densely at once.
 */
function rowStepsFor(image: RawImage): number[] {
  const pixels = image.width * image.height
  if (pixels > 6_000_000) return [5, 3]
  if (pixels > 1_500_000) return [2]
  return [1]
}

/** The area a code read covers, widened by `reach`: finders in it belong to that code. */
interface ReadArea {
  corners: Point[]
  reach: number
}

export function scanPixels(image: RawImage): FoundQrCode[] {
  const codes: FoundQrCode[] = []
  const read: ReadArea[] = []
  for (const rowStep of rowStepsFor(image)) {
    const unused = readPass(image, rowStep, codes, read)
    if (codes.length > 0 && unused === 0) break
  }
  return inReadingOrder(codes)
}

/**
 * One pass of the finder search at `rowStep`, decoding what it finds into `codes` (skipping the
 * areas of codes already read). Returns how many finders it found that no code accounts for.
 */
function readPass(
  image: RawImage,
  rowStep: number,
  codes: FoundQrCode[],
  read: ReadArea[],
): number {
  const finders = findFinderPatterns(new SampledBinarizer(image, rowStep))
  const used = new Set<FinderPattern>()
  const retire = (area: ReadArea) => {
    for (const f of finders) if (insideQuad(f, area.corners, area.reach)) used.add(f)
  }
  read.forEach(retire)

  const accept = (code: RegionCode, inverted: boolean, module: number) => {
    const found = toFoundCode(code, inverted)
    const center = quadCenter(found.corners)
    if (!codes.some((c) => insideQuad(center, c.corners, 1))) codes.push(found)
    // Retire every finder the code covers (its own three and any look-alikes in its data).
    const area = {
      corners: found.corners,
      reach: 1 + (2 * module) / Math.max(found.bounds.width, found.bounds.height, 1),
    }
    read.push(area)
    retire(area)
  }

  for (const triple of groupFinders(finders)) {
    if (used.has(triple.corner) || used.has(triple.ends[0]) || used.has(triple.ends[1])) continue
    const code = decodeTriple(image, triple)
    if (code) accept(code, triple.corner.inverted, triple.module)
  }

  let attempts = 0
  for (const [a, b] of leftoverPairs(finders, used)) {
    if (attempts >= MAX_PAIR_ATTEMPTS) break
    if (used.has(a) || used.has(b)) continue
    attempts++
    const module = (a.module + b.module) / 2
    const reach = Math.hypot(a.x - b.x, a.y - b.y) + 4 * module
    const region = clampBox(
      {
        x: Math.min(a.x, b.x) - reach,
        y: Math.min(a.y, b.y) - reach,
        width: Math.abs(a.x - b.x) + 2 * reach,
        height: Math.abs(a.y - b.y) + 2 * reach,
      },
      image.width,
      image.height,
    )
    const code = decodeRegion(image, region, shrinkFor(module), a.inverted)
    if (code) accept(code, a.inverted, module)
  }

  return finders.filter((f) => !used.has(f)).length
}

function shrinkFor(module: number): number {
  return Math.max(1, Math.floor(module / TARGET_MODULE_PX))
}

function decodeTriple(image: RawImage, triple: FinderTriple): RegionCode | null {
  const { corner, module } = triple
  if (module >= MIN_GRID_MODULE_PX) {
    const grid = halfModuleGrid(triple, tripleBox(triple, GRID_MARGIN_MODULES))
    const code = grid && decodeGrid(image, grid, corner.inverted)
    if (code) return code
  }
  const region = clampBox(tripleBox(triple, REGION_MARGIN_MODULES), image.width, image.height)
  for (const shrink of tripleShrinks(module)) {
    const code = decodeRegion(image, region, shrink, corner.inverted)
    if (code) return code
  }
  return null
}

/** The box around a triple's finder centres and the fourth corner they imply, plus a margin. */
function tripleBox({ corner, ends, module }: FinderTriple, marginModules: number): Box {
  const fourth = { x: ends[0].x + ends[1].x - corner.x, y: ends[0].y + ends[1].y - corner.y }
  const points = [corner, ends[0], ends[1], fourth]
  const margin = marginModules * module
  const x0 = Math.min(...points.map((p) => p.x)) - margin
  const y0 = Math.min(...points.map((p) => p.y)) - margin
  const x1 = Math.max(...points.map((p) => p.x)) + margin
  const y1 = Math.max(...points.map((p) => p.y)) + margin
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 }
}

/**
 * Shrink factors to try on a triple's region, largest first: FIRST_TRY_MODULE_PX, then
 * TARGET_MODULE_PX, then half that factor (shrinking can blur a module edge that falls
 * mid-block), each at least 1 and tried once.
 */
function tripleShrinks(module: number): number[] {
  const usual = shrinkFor(module)
  const factors = [
    Math.max(1, Math.floor(module / FIRST_TRY_MODULE_PX)),
    usual,
    Math.max(1, Math.floor(usual / 2)),
  ]
  return factors.filter((f, i) => factors.indexOf(f) === i)
}

/** Unused finders paired with their nearest plausible partner, closest pairs first. */
function leftoverPairs(
  finders: FinderPattern[],
  used: Set<FinderPattern>,
): [FinderPattern, FinderPattern][] {
  const free = finders.filter((f) => !used.has(f))
  const pairs: { pair: [FinderPattern, FinderPattern]; span: number }[] = []
  for (let i = 0; i < free.length; i++) {
    for (let j = i + 1; j < free.length; j++) {
      const a = free[i]!
      const b = free[j]!
      if (a.inverted !== b.inverted) continue
      if (Math.max(a.module, b.module) / Math.min(a.module, b.module) > 1.5) continue
      const span = Math.hypot(a.x - b.x, a.y - b.y) / ((a.module + b.module) / 2)
      if (span < 12 || span > 260) continue
      pairs.push({ pair: [a, b], span })
    }
  }
  return pairs.sort((p, q) => p.span - q.span).map((p) => p.pair)
}

function toFoundCode(code: RegionCode, inverted: boolean): FoundQrCode {
  const xs = code.corners.map((p) => p.x)
  const ys = code.corners.map((p) => p.y)
  const x = Math.min(...xs)
  const y = Math.min(...ys)
  return {
    text: code.text,
    bytes: code.bytes,
    corners: code.corners,
    bounds: { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y },
    inverted,
  }
}

function quadCenter(corners: Point[]): Point {
  return {
    x: corners.reduce((s, p) => s + p.x, 0) / corners.length,
    y: corners.reduce((s, p) => s + p.y, 0) / corners.length,
  }
}

/** Point inside the convex quad scaled by `scale` about its centre. */
function insideQuad(p: Point, corners: Point[], scale: number): boolean {
  const c = quadCenter(corners)
  const scaled = corners.map((q) => ({
    x: c.x + (q.x - c.x) * scale,
    y: c.y + (q.y - c.y) * scale,
  }))
  let sign = 0
  for (let i = 0; i < scaled.length; i++) {
    const a = scaled[i]!
    const b = scaled[(i + 1) % scaled.length]!
    const cross = (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x)
    if (cross === 0) continue
    const s = Math.sign(cross)
    if (sign === 0) sign = s
    else if (s !== sign) return false
  }
  return true
}
