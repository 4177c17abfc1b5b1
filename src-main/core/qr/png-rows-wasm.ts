// The WebAssembly side of the PNG luminance decoder (wasm/png-rows.c, embedded by
// scripts/build-wasm.ts): one instance a thread, reused by each decode. A decode lays out a
// filtered row, two rows of pixels and two of luminance (the row and the one above, taking turns)
// in the instance's memory, hands it one row at a time, and clears them all again at the end, so
// no screenshot stays behind in it.
import { KeptInstance, ensureMemory, trapsRefused } from './wasm-memory.ts'
import { PNG_ROWS_WASM } from './wasm/png-rows.wasm.ts'

interface PngRowsExports {
  memory: WebAssembly.Memory
  heap_start(): number
  unfilter_row(
    input: number,
    row: number,
    above: number,
    luma: number,
    aboveLuma: number,
    width: number,
    channels: number,
    filter: number,
    first: number,
  ): number
}

const instance = new KeptInstance<PngRowsExports>(PNG_ROWS_WASM)

/** One image's rows: 8-bit RGB or RGBA, `width` pixels each. */
export class PngRowsMemory {
  private readonly wasm: PngRowsExports
  private readonly width: number
  private readonly channels: 3 | 4
  private readonly input: number
  private readonly rows: [number, number]
  private readonly lumas: [number, number]
  private readonly end: number
  private y = 0

  constructor(width: number, channels: 3 | 4) {
    this.wasm = instance.get()
    this.width = width
    this.channels = channels
    const align = (n: number) => (n + 7) & ~7
    this.input = align(this.wasm.heap_start())
    // The RGB path reads four bytes for each pixel but the last: room for one more.
    const rowA = align(this.input + width * channels + 4)
    const rowB = align(rowA + width * 4)
    const lumaA = align(rowB + width * 4)
    const lumaB = align(lumaA + width)
    this.end = lumaB + width
    this.rows = [rowA, rowB]
    this.lumas = [lumaA, lumaB]
    const memory = this.wasm.memory
    ensureMemory(memory, this.end)
    // The row above the first is zeros, as the spec has it.
    new Uint8Array(memory.buffer).fill(0, this.input, this.end)
  }

  /**
   * Undoes `filter` on the next row (`filtered`, its bytes after the filter byte) and writes its
   * luminance to `out` from `at`. False for a filter type the spec does not define.
   */
  unfilterRow(filtered: Uint8Array, filter: number, out: Uint8Array, at: number): boolean {
    const { wasm, width } = this
    const [row, above] = this.y & 1 ? [this.rows[1], this.rows[0]] : this.rows
    const [luma, aboveLuma] = this.y & 1 ? [this.lumas[1], this.lumas[0]] : this.lumas
    const buffer = wasm.memory.buffer
    new Uint8Array(buffer).set(filtered, this.input)
    const result = trapsRefused(
      'PNG',
      () => instance.drop(),
      () =>
        wasm.unfilter_row(
          this.input,
          row,
          above,
          luma,
          aboveLuma,
          width,
          this.channels,
          filter,
          this.y === 0 ? 1 : 0,
        ),
    )
    if (result !== 0) return false
    out.set(new Uint8Array(buffer, luma, width), at)
    this.y++
    return true
  }

  /** Clears the rows from the instance's memory; a grown instance is let go. */
  release(): void {
    new Uint8Array(this.wasm.memory.buffer).fill(0, this.input, this.end)
    instance.letGoIfGrown(this.wasm)
  }
}
