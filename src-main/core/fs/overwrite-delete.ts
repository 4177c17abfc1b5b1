// Deletes a plain export after it was imported: its bytes are overwritten with random data and
// flushed before the name is removed, so the secrets are not left in the freed blocks of a
// simple filesystem. On SSDs (wear levelling) and copy-on-write or journalling filesystems
// (btrfs, ZFS, APFS, snapshots) the old blocks may survive anyway: this lowers the risk, it does
// not guarantee erasure, and the UI and docs say so.
//
// Only the file that was imported is touched: the caller gives the size and SHA-256 of the bytes
// it read, and a file that no longer has exactly those bytes is left alone.
import { createHash, randomFillSync } from 'node:crypto'
import { constants } from 'node:fs'
import { lstat, open, unlink } from 'node:fs/promises'
import { dirname } from 'node:path'
import { CairnError } from '../errors.ts'

export interface FileFingerprint {
  size: number
  sha256: string
}

export function fingerprintOf(bytes: Uint8Array): FileFingerprint {
  return { size: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') }
}

const CHUNK = 1 << 16

function ioError(e: unknown, doing: string): never {
  if (e instanceof CairnError) throw e
  const code = (e as NodeJS.ErrnoException).code
  if (code === 'ENOENT') throw new CairnError('FILE_NOT_FOUND', 'The file is no longer there')
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    throw new CairnError('IO_ERROR', `The file could not be ${doing}: permission denied`)
  }
  throw new CairnError('IO_ERROR', `The file could not be ${doing} (${code ?? 'unknown error'})`)
}

/** The directory entry's removal reaches the disk too (where the platform allows it). */
async function syncFolder(path: string): Promise<void> {
  try {
    const dir = await open(dirname(path), 'r')
    try {
      await dir.sync()
    } finally {
      await dir.close()
    }
  } catch {
    // Some platforms cannot open a folder for syncing; the unlink itself has happened.
  }
}

/**
 * Overwrites `path` with random bytes, flushes, and deletes it, when it still holds exactly the
 * bytes `expected` describes. Throws CairnError: FILE_NOT_FOUND, CONFLICT (it changed or is not a
 * plain file: left alone), IO_ERROR.
 */
export async function overwriteAndDelete(path: string, expected: FileFingerprint): Promise<void> {
  let info
  try {
    info = await lstat(path)
  } catch (e) {
    ioError(e, 'found')
  }
  if (!info.isFile()) {
    throw new CairnError('CONFLICT', 'That path is no longer a plain file: it was left alone')
  }
  let handle
  try {
    // O_NOFOLLOW: a file swapped for a link after the check above is refused, not followed.
    handle = await open(path, constants.O_RDWR | constants.O_NOFOLLOW)
  } catch (e) {
    ioError(e, 'opened')
  }
  try {
    const size = (await handle.stat()).size
    const hash = createHash('sha256')
    const buffer = Buffer.alloc(CHUNK)
    for (let at = 0; at < size;) {
      const { bytesRead } = await handle.read(buffer, 0, Math.min(CHUNK, size - at), at)
      if (bytesRead === 0) break
      hash.update(buffer.subarray(0, bytesRead))
      at += bytesRead
    }
    if (size !== expected.size || hash.digest('hex') !== expected.sha256) {
      throw new CairnError(
        'CONFLICT',
        'The file changed since it was imported: it was left alone, delete it yourself',
      )
    }
    for (let at = 0; at < size; at += CHUNK) {
      const length = Math.min(CHUNK, size - at)
      randomFillSync(buffer, 0, length)
      await handle.write(buffer, 0, length, at)
    }
    await handle.sync()
  } catch (e) {
    ioError(e, 'overwritten')
  } finally {
    await handle.close()
  }
  try {
    await unlink(path)
  } catch (e) {
    ioError(e, 'deleted')
  }
  await syncFolder(path)
}
