// What the WebAssembly decoders share: one instance a thread, kept between images unless its memory
// grew large; room in that memory; and their failures made into the project's own errors. A module
// that traps (it never should) is not trusted again: its instance is dropped and the image refused
// as one that could not be decoded.
import { CairnError } from '../errors.ts'

const PAGE_BYTES = 65536

/** An instance whose memory grew past this is let go after its image, not kept. */
const KEEP_MEMORY_BYTES = 64 * 2 ** 20

/** A module's instance for this thread, made on first use from the module's base64 bytes. */
export class KeptInstance<T extends { memory: WebAssembly.Memory }> {
  readonly #base64: string
  #module: WebAssembly.Module | null = null
  #kept: T | null = null

  constructor(base64: string) {
    this.#base64 = base64
  }

  get(): T {
    if (this.#kept) return this.#kept
    this.#module ??= new WebAssembly.Module(Buffer.from(this.#base64, 'base64'))
    this.#kept = new WebAssembly.Instance(this.#module, {}).exports as unknown as T
    return this.#kept
  }

  /** Forgets the instance (its state can no longer be trusted). */
  drop(): void {
    this.#kept = null
  }

  /** After an image: `instance` is let go if its memory grew past what is worth keeping. */
  letGoIfGrown(instance: T): void {
    if (instance.memory.buffer.byteLength > KEEP_MEMORY_BYTES && this.#kept === instance) {
      this.#kept = null
    }
  }
}

/** Grows `memory` to hold `bytes`; an engine that cannot give that much refuses the image. */
export function ensureMemory(memory: WebAssembly.Memory, bytes: number): void {
  const have = memory.buffer.byteLength
  if (bytes <= have) return
  try {
    memory.grow(Math.ceil((bytes - have) / PAGE_BYTES))
  } catch (cause) {
    throw new CairnError(
      'IMAGE_TOO_LARGE',
      'This image needs more memory than its decoder can have: try a smaller screenshot',
      { cause },
    )
  }
}

/** Runs a module's function; a trap becomes a refusal of the image, after `drop`. */
export function trapsRefused<T>(format: 'PNG' | 'JPEG', drop: () => void, run: () => T): T {
  try {
    return run()
  } catch (cause) {
    if (!(cause instanceof WebAssembly.RuntimeError)) throw cause
    drop()
    throw new CairnError('MALFORMED_IMAGE', `This ${format} file could not be decoded`, { cause })
  }
}
