// Real FAT and exFAT file systems for tests of code that must not rely on hard links: a small
// image formatted by the real tools and mounted through FUSE (fusefat; exfat-fuse on a loop
// device). Mounting needs root and the tools; otherwise the reason is returned for the skip.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export type ForeignKind = 'fat' | 'exfat'

export interface ForeignDisk {
  kind: ForeignKind
  dir: string
  unmount(): void
}

function run(command: string, args: string[]): { ok: boolean; out: string } {
  const r = spawnSync(command, args, { encoding: 'utf8', timeout: 20_000 })
  return { ok: r.status === 0, out: (r.stdout + r.stderr || String(r.error ?? '')).trim() }
}

const TOOLS: Record<ForeignKind, string[]> = {
  fat: ['mkfs.vfat', 'fusefat'],
  exfat: ['mkfs.exfat', 'mount.exfat-fuse', 'losetup'],
}

/** A freshly formatted, mounted 16 MiB file system of `kind`, or why there cannot be one. */
export function mountForeignDisk(kind: ForeignKind): ForeignDisk | string {
  if (process.getuid?.() !== 0) return 'mounting a file system needs root'
  for (const tool of TOOLS[kind]) {
    if (!run('sh', ['-c', `command -v ${tool}`]).ok) {
      return `${tool} is not installed (apt-get install ${kind === 'fat' ? 'dosfstools fusefat' : 'exfatprogs exfat-fuse'})`
    }
  }
  const root = mkdtempSync(join(tmpdir(), `cairn-${kind}-`))
  const image = join(root, 'disk.img')
  const dir = join(root, 'mnt')
  const cleanup = () => rmSync(root, { recursive: true, force: true })
  run('mkdir', [dir])
  run('truncate', ['-s', '16M', image])
  const made = run(kind === 'fat' ? 'mkfs.vfat' : 'mkfs.exfat', [image])
  if (!made.ok) {
    cleanup()
    return `formatting failed: ${made.out}`
  }
  if (kind === 'fat') {
    const mounted = run('fusefat', ['-o', 'rw+', image, dir])
    if (!mounted.ok || !isMounted(dir)) {
      cleanup()
      return `fusefat could not mount the image: ${mounted.out}`
    }
    return { kind, dir, unmount: () => (run('fusermount', ['-u', dir]), cleanup()) }
  }
  const loop = run('losetup', ['-f', '--show', image])
  if (!loop.ok) {
    cleanup()
    return `no loop device for the exFAT image: ${loop.out}`
  }
  const device = loop.out.split('\n')[0]!
  const mounted = run('mount.exfat-fuse', [device, dir])
  if (!mounted.ok || !isMounted(dir)) {
    run('losetup', ['-d', device])
    cleanup()
    return `exfat-fuse could not mount the image: ${mounted.out}`
  }
  return {
    kind,
    dir,
    unmount: () => {
      run('fusermount', ['-u', dir])
      run('losetup', ['-d', device])
      cleanup()
    },
  }
}

function isMounted(dir: string): boolean {
  return run('mountpoint', ['-q', dir]).ok
}
