// Files that appear complete or not at all: written under a temporary name in the same folder,
// flushed, then moved into place by a link (never replacing) or a rename (replacing atomically).
import {
  closeSync,
  existsSync,
  fsyncSync,
  linkSync,
  openSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { randomBytes } from '../crypto/random.ts'
import { CairnError } from '../errors.ts'

/** A hidden temporary name next to `path` (same folder, so the final move is a rename). */
export function tempPathFor(path: string, purpose: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.${purpose}`)
}

export function syncDirectory(dir: string): void {
  try {
    const fd = openSync(dir, 'r')
    try {
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
  } catch {
    // Not every platform can fsync a directory (Windows); the rename is still atomic.
  }
}

/** Moves the finished file into place without ever replacing an existing file. */
export function publishNew(tmp: string, path: string): void {
  try {
    linkSync(tmp, path)
    rmSync(tmp)
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    if (code === 'EEXIST') throw new CairnError('FILE_EXISTS', `${path} already exists`)
    // File systems without hard links (FAT, some network shares): check, then rename.
    if (existsSync(path)) throw new CairnError('FILE_EXISTS', `${path} already exists`)
    renameSync(tmp, path)
  }
  syncDirectory(dirname(path))
}

/** Moves the finished file into place, atomically replacing any file already there. */
export function publishReplacing(tmp: string, path: string): void {
  renameSync(tmp, path)
  syncDirectory(dirname(path))
}

/** Writes chunks to a fresh temporary file and flushes it to disk; returns its path. */
export function writeTempFile(path: string, chunks: Iterable<Uint8Array>, purpose: string): string {
  const tmp = tempPathFor(path, purpose)
  let fd: number | null = null
  try {
    fd = openSync(tmp, 'wx', 0o600)
    for (const chunk of chunks) {
      let at = 0
      while (at < chunk.length) at += writeSync(fd, chunk, at, chunk.length - at)
    }
    fsyncSync(fd)
    closeSync(fd)
    fd = null
    return tmp
  } catch (e) {
    if (fd !== null) closeSync(fd)
    rmSync(tmp, { force: true })
    throw e
  }
}

/**
 * Writes a whole file atomically: never a half-written file at `path`. With `replace` false an
 * existing file is an error (FILE_EXISTS) and is left alone.
 */
export function writeFileAtomic(
  path: string,
  chunks: Iterable<Uint8Array>,
  { replace = false }: { replace?: boolean } = {},
): void {
  if (!replace && existsSync(path)) throw new CairnError('FILE_EXISTS', `${path} already exists`)
  const tmp = writeTempFile(path, chunks, 'writing')
  try {
    if (replace) publishReplacing(tmp, path)
    else publishNew(tmp, path)
  } finally {
    rmSync(tmp, { force: true })
  }
}
