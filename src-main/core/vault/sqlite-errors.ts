// SQLite's failures, worded for the person in front of the vault: what went wrong, what to do,
// and that what was already saved is intact (a failed statement rolls its transaction back).
import { accessSync, closeSync, constants, openSync, readSync, statSync, statfsSync } from 'node:fs'
import { dirname } from 'node:path'
import { CairnError } from '../errors.ts'

/** Below this, SQLite cannot even map the -shm file a WAL reader needs. */
const SHM_BYTES = 32 * 1024

const NOTHING_LOST = 'Nothing already saved in the vault was lost.'

function freeBytes(path: string): number | null {
  try {
    const s = statfsSync(dirname(path))
    return Number(s.bavail) * Number(s.bsize)
  } catch {
    return null
  }
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK)
    accessSync(dirname(path), constants.W_OK)
    return true
  } catch {
    return false
  }
}

function diskFull(path: string, cause: unknown, { reading }: { reading: boolean }): CairnError {
  const free = freeBytes(path)
  if (reading && free !== null && free < SHM_BYTES) {
    return new CairnError(
      'DISK_FULL',
      `The disk holding ${path} is full (${free} bytes free): Cairn cannot even read the vault, ` +
        `because SQLite needs 32 KiB for its -shm file. Free some space and try again. ${NOTHING_LOST}`,
      { cause },
    )
  }
  return new CairnError(
    'DISK_FULL',
    `The disk holding ${path} is full: the change was not saved. Free some space and try again. ${NOTHING_LOST}`,
    { cause },
  )
}

/** What SQLite's corruption report most likely means, for the person reading it. */
function corruptionDetail(path: string): string {
  try {
    const head = Buffer.alloc(100)
    const fd = openSync(path, 'r')
    try {
      readSync(fd, head, 0, 100, 0)
    } finally {
      closeSync(fd)
    }
    const rawPageSize = head.readUInt16BE(16)
    const claimed = head.readUInt32BE(28) * (rawPageSize === 1 ? 65536 : rawPageSize)
    const size = statSync(path).size
    if (size < claimed) return `truncated: ${size} of ${claimed} bytes, SQLite reports corruption`
  } catch {
    // The plain report below still holds.
  }
  return 'SQLite reports corruption'
}

function damaged(path: string, what: string, cause: unknown): CairnError {
  return new CairnError(
    'DAMAGED_FILE',
    `${path} is damaged (${what}). Restore it from a backup, or open a copy of it.`,
    { cause },
  )
}

/** Translates SQLite's own errors (and the type errors damaged values cause); others pass through. */
export function asCairnError(e: unknown, path: string): unknown {
  if (e instanceof CairnError) return e
  const code = String((e as { code?: unknown } | null)?.code ?? '')
  const message = e instanceof Error ? e.message : ''
  if (code === 'SQLITE_NOTADB') {
    return new CairnError('NOT_SQLITE', `${path} is not a Cairn vault (not an SQLite database)`, {
      cause: e,
    })
  }
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_IOERR_SHORT_READ') {
    return damaged(path, corruptionDetail(path), e)
  }
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') return diskFull(path, e, { reading: false })
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new CairnError(
      'BUSY',
      `${path} is being changed by another Cairn window or command and stayed locked for 5 seconds: ` +
        `finish or close the other one, then try again. ${NOTHING_LOST}`,
      { cause: e },
    )
  }
  if (code.startsWith('SQLITE_IOERR') || code === 'SQLITE_CANTOPEN') {
    // Some file systems report a full disk as an I/O error (mapping the -shm file, growing the log).
    const free = freeBytes(path)
    if (free !== null && free < SHM_BYTES) return diskFull(path, e, { reading: true })
    return new CairnError(
      'IO_ERROR',
      `The disk reported an error reading or writing ${path} (${code}): check that the drive or ` +
        `network share is still there and has room, then try again. ${NOTHING_LOST}`,
      { cause: e },
    )
  }
  if (code.startsWith('SQLITE_READONLY')) {
    // A writable file SQLite refuses to write has a damaged header (its write-version byte).
    if (writable(path)) return damaged(path, 'its header no longer allows writing', e)
    return new CairnError(
      'IO_ERROR',
      `${path} cannot be written (read-only file, folder or drive): copy it somewhere writable. ${NOTHING_LOST}`,
      { cause: e },
    )
  }
  // A damaged schema names a column or table the vault does not have; a flipped serial type turns
  // a value into one of another type. Both are the file, not the caller.
  if (code === 'SQLITE_ERROR' && /^no such (column|table|index)/.test(message)) {
    return damaged(path, `its structure is damaged: ${message}`, e)
  }
  if (e instanceof TypeError || e instanceof RangeError) {
    return damaged(path, 'a stored value has the wrong type or size', e)
  }
  return e
}
