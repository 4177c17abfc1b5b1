// "Never overwrites" on file systems without hard links, tested on real ones: FAT (fusefat) and
// exFAT (exfat-fuse), formatted by their real tools. A link fails there, so a new file's name is
// reserved by an exclusive create: an existing file is never replaced, and of writers racing for
// one name exactly one wins, whole, and the others are told the file exists.
import { spawn } from 'node:child_process'
import { existsSync, linkSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeFileAtomic } from '../../../src-main/core/fs/atomic-file.ts'
import { mountForeignDisk, type ForeignDisk, type ForeignKind } from './foreign-filesystems.ts'

const WRITER = join(import.meta.dirname, 'publish-writer.ts')
const WRITERS = 6

function runWriter(path: string, id: number, startAt: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WRITER, path, String(id), String(startAt)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    let err = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    child.stderr.on('data', (d: Buffer) => (err += d.toString()))
    child.on('error', reject)
    child.on('close', () => resolve(out.trim() || `no output: ${err.trim()}`))
  })
}

for (const kind of ['fat', 'exfat'] as ForeignKind[]) {
  const probe = mountForeignDisk(kind)
  const unavailable = typeof probe === 'string' ? probe : null
  if (typeof probe !== 'string') probe.unmount()
  if (unavailable)
    console.log(`Skipping the ${kind} tests of never-overwriting writes: ${unavailable}`)

  describe.skipIf(unavailable !== null)(`never overwriting, on a real ${kind} file system`, () => {
    let disk: ForeignDisk
    beforeAll(() => {
      const mounted = mountForeignDisk(kind)
      if (typeof mounted === 'string') throw new Error(mounted)
      disk = mounted
    })
    afterAll(() => disk?.unmount())

    it('has no hard links, so the exclusive-create path is the one taken', () => {
      const a = join(disk.dir, 'link-probe')
      writeFileSync(a, 'x')
      expect(() => linkSync(a, join(disk.dir, 'link-probe-2'))).toThrow(/EPERM|ENOTSUP|EOPNOTSUPP/)
    })

    it('writes a new file whole and leaves no temporary file beside it', () => {
      const path = join(disk.dir, 'new.cairnbackup')
      const content = Buffer.alloc(300_000, 0x5a)
      writeFileAtomic(path, [content])
      expect(readFileSync(path).equals(content)).toBe(true)
      expect(readdirSync(disk.dir).filter((n) => n.includes('new.cairnbackup'))).toEqual([
        'new.cairnbackup',
      ])
    })

    it('refuses to replace an existing file, leaving it byte for byte', () => {
      const path = join(disk.dir, 'kept.csv')
      writeFileSync(path, 'the person’s own file')
      expect(() => writeFileAtomic(path, [Buffer.from('something else')])).toThrow(/already exists/)
      expect(readFileSync(path, 'utf8')).toBe('the person’s own file')
    })

    it(`of ${WRITERS} processes racing for one name, exactly one wins and its file is whole`, async () => {
      const path = join(disk.dir, 'race.cairnbackup')
      const startAt = Date.now() + 1500
      const outcomes = await Promise.all(
        Array.from({ length: WRITERS }, (_, id) => runWriter(path, id, startAt)),
      )
      expect(outcomes.filter((o) => o === 'won')).toHaveLength(1)
      expect(outcomes.filter((o) => o === 'FILE_EXISTS')).toHaveLength(WRITERS - 1)
      const winner = outcomes.indexOf('won')
      expect(readFileSync(path, 'utf8')).toBe(`writer ${winner} `.repeat(2000))
      expect(existsSync(path)).toBe(true)
      expect(readdirSync(disk.dir).filter((n) => n.includes('race.cairnbackup'))).toEqual([
        'race.cairnbackup',
      ])
    }, 60_000)
  })
}
