// Files that appear complete or not at all: written under a temporary name in the same folder,
// flushed, then moved into place by a link (never replacing) or a rename (replacing atomically).
import {
  closeSync,
  existsSync,
  fsyncSync,
  linkSync,
  lstatSync,
  openSync,
  readdirSync,
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

/** Untouched this long, a temporary file is abandoned: every writer finishes within seconds. */
export const STALE_TEMP_MS = 10 * 60 * 1000

const TEMP_PURPOSES = ['backup', 'creating', 'writing'] as const

/**
 * Removes temporary files a killed process left next to `path`: only names of exactly our own
 * pattern (".NAME.<12 hex>.<purpose>", with SQLite's -wal/-shm/-journal for a file being built), only
 * regular files, and only when untouched for STALE_TEMP_MS, so a write in progress is never hit.
 * Returns the names removed.
 */
export function removeStaleTemps(path: string, now = Date.now()): string[] {
  const dir = dirname(path)
  const name = basename(path)
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const ours = new RegExp(
    `^\\.${escaped}\\.[0-9a-f]{12}\\.(${TEMP_PURPOSES.join('|')})(-wal|-shm|-journal)?$`,
  )
  const removed: string[] = []
  let entries: string[]
  try {
    entries = readdirSync(dir)
  } catch {
    return removed
  }
  for (const entry of entries) {
    if (!ours.test(entry)) continue
    const full = join(dir, entry)
    try {
      const st = lstatSync(full)
      if (!st.isFile() || now - st.mtimeMs < STALE_TEMP_MS) continue
      rmSync(full)
      removed.push(entry)
    } catch {
      // Gone already, or not ours to remove: leave it.
    }
  }
  return removed
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
    // File systems without hard links (FAT, exFAT, SMB): reserve the name with an exclusive
    // create, so no other writer can take it between our check and the rename over our own
    // placeholder.
    reserveName(path)
    try {
      renameSync(tmp, path)
    } catch (renameError) {
      rmSync(path, { force: true })
      throw renameError
    }
  }
  syncDirectory(dirname(path))
}

function reserveName(path: string): void {
  try {
    closeSync(openSync(path, 'wx', 0o600))
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new CairnError('FILE_EXISTS', `${path} already exists`)
    }
    throw e
  }
}

/** Moves the finished file into place, atomically replacing any file already there. */
export function publishReplacing(tmp: string, path: string): void {
  renameSync(tmp, path)
  syncDirectory(dirname(path))
}

/** Writes chunks to a fresh temporary file and flushes it to disk; returns its path. */
export function writeTempFile(path: string, chunks: Iterable<Uint8Array>, purpose: string): string {
  removeStaleTemps(path)
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
