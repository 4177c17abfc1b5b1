// Reads one input of `cairn scan` / `cairn import` (an image or a URI list), refusing what cannot
// be one before reading it into memory.
import { readFile, stat } from 'node:fs/promises'
import { CairnError } from '../errors.ts'

/** A 34-megapixel image stored without compression is 136 MB; nothing we read is larger. */
export const MAX_INPUT_BYTES = 256 * 1024 * 1024

export async function readInputFile(path: string): Promise<Uint8Array> {
  try {
    const info = await stat(path)
    if (info.isDirectory()) throw new CairnError('INVALID_ARGUMENT', 'is a folder, not a file')
    if (info.size > MAX_INPUT_BYTES) {
      throw new CairnError('IMAGE_TOO_LARGE', `is ${Math.round(info.size / 2 ** 20)} MB: too large`)
    }
    return new Uint8Array(await readFile(path))
  } catch (e) {
    if (e instanceof CairnError) throw e
    const code = (e as NodeJS.ErrnoException).code
    if (code === 'ENOENT') throw new CairnError('FILE_NOT_FOUND', 'no such file')
    if (code === 'EACCES' || code === 'EPERM') {
      throw new CairnError('INVALID_ARGUMENT', 'permission denied')
    }
    throw new CairnError('INVALID_ARGUMENT', `cannot be read (${code ?? 'unknown error'})`)
  }
}
