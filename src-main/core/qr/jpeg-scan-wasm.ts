// The WebAssembly side of the JPEG luminance decoder (wasm/jpeg-scan.c, embedded by
// scripts/build-wasm.ts): one instance a thread, reused by each decode. A decode lays the file
// and the luminance plane out in the instance's memory, builds its Huffman tables there, decodes
// each scan, copies the plane out and clears both again, so no screenshot stays behind in it.
import { KeptInstance, ensureMemory, trapsRefused } from './wasm-memory.ts'
import { JPEG_SCAN_WASM } from './wasm/jpeg-scan.wasm.ts'

interface JpegScanExports {
  memory: WebAssembly.Memory
  heap_start(): number
  counts_area(): number
  symbols_area(): number
  quant_area(): number
  plan_scan_area(): number
  plan_luma_area(): number
  plan_offset_area(): number
  scan_dc_area(): number
  scan_ac_area(): number
  build_table(slot: number): number
  forget(): void
  decode_scan_begin(
    file: number,
    fileLength: number,
    start: number,
    restartInterval: number,
    components: number,
    blocks: number,
    mcusAcross: number,
    mcusDown: number,
    mcuWidth: number,
    mcuHeight: number,
    plane: number,
    planeWidth: number,
  ): void
  decode_scan_step(mcus: number): number
}

/** What decode_scan_step's negative results mean, in jpeg-luma.ts's words. */
const FAILURES: Record<number, string> = {
  [-1]: 'the image data ends early',
  [-2]: 'a restart marker is missing',
  [-3]: 'bad Huffman code',
  [-4]: 'bad coefficient',
  [-5]: 'bad coefficient position',
  [-6]: 'bad Huffman table',
  [-7]: 'bad scan layout',
}

/** decode_scan_step's result while MCUs remain. */
const MORE = -100

const instance = new KeptInstance<JpegScanExports>(JPEG_SCAN_WASM)

/** One scan's layout: the MCU's blocks and the tables each scan component uses. */
export interface ScanLayout {
  restartInterval: number
  /** Per scan component: DC and AC table slots (0-3). */
  dcSlots: number[]
  acSlots: number[]
  /** Per block of an MCU, in order: its scan component, whether it is luminance, its offset. */
  blockComponents: number[]
  blockIsLuma: boolean[]
  blockOffsets: number[]
  mcusAcross: number
  mcusDown: number
  mcuWidth: number
  mcuHeight: number
}

/** One image's use of the instance, from its frame header to its last scan. */
export class JpegScanMemory {
  private readonly wasm: JpegScanExports
  private readonly file: number
  private readonly fileLength: number
  private readonly plane: number
  private readonly planeLength: number
  private readonly planeWidth: number

  /** Tables may come before the frame: `JpegScanMemory.buildTable` needs no image. */
  static buildTable(kind: 'dc' | 'ac', slot: number, counts: Uint8Array, symbols: Uint8Array) {
    const wasm = instance.get()
    new Uint8Array(wasm.memory.buffer, wasm.counts_area(), 16).set(counts)
    new Uint8Array(wasm.memory.buffer, wasm.symbols_area(), 256).set(symbols)
    return (
      trapsRefused(
        'JPEG',
        () => instance.drop(),
        () => wasm.build_table(kind === 'dc' ? slot : 4 + slot),
      ) === 0
    )
  }

  constructor(bytes: Uint8Array, planeWidth: number, planeHeight: number) {
    this.wasm = instance.get()
    const align = (n: number) => (n + 7) & ~7
    this.file = align(this.wasm.heap_start())
    this.fileLength = bytes.length
    this.plane = align(this.file + bytes.length)
    this.planeWidth = planeWidth
    this.planeLength = planeWidth * planeHeight
    const needed = this.plane + this.planeLength
    const memory = this.wasm.memory
    ensureMemory(memory, needed)
    const view = new Uint8Array(memory.buffer)
    view.set(bytes, this.file)
    // A block the scans never reach stays zero, never another image's samples.
    view.fill(0, this.plane, this.plane + this.planeLength)
  }

  /**
   * Decodes the scan whose entropy-coded data starts at `start`, with `zigzagQuant` (the
   * luminance quantisation table in file order). Returns where reading stopped, or the reason the
   * data is damaged.
   */
  decodeScan(
    start: number,
    layout: ScanLayout,
    zigzagQuant: Int32Array,
  ): { position: number } | { damaged: string } {
    const w = this.wasm
    const ints = (at: number, values: ArrayLike<number>) =>
      new Int32Array(w.memory.buffer, at, values.length).set(values)
    ints(w.quant_area(), zigzagQuant)
    ints(w.scan_dc_area(), layout.dcSlots)
    ints(w.scan_ac_area(), layout.acSlots)
    ints(w.plan_scan_area(), layout.blockComponents)
    ints(
      w.plan_luma_area(),
      layout.blockIsLuma.map((luma) => (luma ? 1 : 0)),
    )
    ints(w.plan_offset_area(), layout.blockOffsets)
    const result = trapsRefused(
      'JPEG',
      () => instance.drop(),
      () => {
        w.decode_scan_begin(
          this.file,
          this.fileLength,
          start,
          layout.restartInterval,
          layout.dcSlots.length,
          layout.blockComponents.length,
          layout.mcusAcross,
          layout.mcusDown,
          layout.mcuWidth,
          layout.mcuHeight,
          this.plane,
          this.planeWidth,
        )
        // A row of MCUs a call: the engine tiers a function up between calls, never within one.
        let result = MORE
        while (result === MORE) result = w.decode_scan_step(layout.mcusAcross)
        return result
      },
    )
    if (result >= 0) return { position: result }
    return { damaged: FAILURES[result] ?? 'bad image data' }
  }

  /** The plane, copied out of the instance's memory. */
  planeCopy(): Uint8Array {
    return new Uint8Array(this.wasm.memory.buffer, this.plane, this.planeLength).slice()
  }

  /** Clears the image from the instance's memory; a grown instance is let go. */
  release(): void {
    new Uint8Array(this.wasm.memory.buffer).fill(0, this.file, this.plane + this.planeLength)
    this.wasm.forget()
    instance.letGoIfGrown(this.wasm)
  }
}
