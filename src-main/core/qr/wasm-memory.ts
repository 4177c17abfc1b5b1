// What the WebAssembly decoders share: room in an instance's memory, and their failures made into
// the project's own errors. A module that traps (it never should) is not trusted again: its
// instance is dropped and the image refused as one that could not be decoded.
import { CairnError } from '../errors.ts'

const PAGE_BYTES = 65536

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
