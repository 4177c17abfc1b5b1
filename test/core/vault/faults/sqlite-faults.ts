// Shared by the fault tests: real small file systems (tmpfs, where the tests run as root), the
// SQLite header's page count, and a disk filled up to the last byte.
import { spawnSync } from 'node:child_process'
import {
  closeSync,
  ftruncateSync,
  mkdtempSync,
  openSync,
  readSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** The main file's length and the length its SQLite header claims. */
export function sqliteLengths(path: string): { size: number; claimed: number } {
  const head = Buffer.alloc(100)
  const fd = openSync(path, 'r')
  try {
    readSync(fd, head, 0, 100, 0)
  } finally {
    closeSync(fd)
  }
  const raw = head.readUInt16BE(16)
  return { size: statSync(path).size, claimed: head.readUInt32BE(28) * (raw === 1 ? 65536 : raw) }
}

export interface SmallDisk {
  dir: string
  unmount: () => void
}

/** Why a tmpfs cannot be mounted here, or null when it can (root on Linux). */
export function smallDiskUnavailable(): string | null {
  if (process.platform !== 'linux') return 'a small tmpfs needs Linux'
  if (process.getuid?.() !== 0) return 'mounting a small tmpfs needs root'
  const probe = mountSmallDisk(1)
  if (typeof probe === 'string') return probe
  probe.unmount()
  return null
}

/** A fresh tmpfs of `mib` MiB, or the reason it could not be mounted. */
export function mountSmallDisk(mib: number): SmallDisk | string {
  const dir = mkdtempSync(join(tmpdir(), 'cairn-small-disk-'))
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${mib}m,mode=0700`, 'tmpfs', dir], {
    encoding: 'utf8',
  })
  if (r.status !== 0) {
    rmSync(dir, { recursive: true, force: true })
    return `mount -t tmpfs failed: ${(r.stderr || String(r.error)).trim()}`
  }
  return {
    dir,
    unmount: () => {
      spawnSync('umount', ['-l', dir])
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** Writes `path` until the file system refuses with ENOSPC, then gives back `spareBytes`. */
export function fillDisk(path: string, spareBytes = 0): void {
  const fd = openSync(path, 'w')
  const block = Buffer.alloc(64 * 1024, 0x55)
  let written = 0
  try {
    for (let size = block.length; size >= 1;) {
      try {
        written += writeSync(fd, block, 0, size)
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e
        size = Math.floor(size / 2)
      }
    }
    if (spareBytes > 0) ftruncateSync(fd, Math.max(0, written - spareBytes))
  } finally {
    closeSync(fd)
  }
}
