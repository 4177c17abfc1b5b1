// Deleting an imported plain export on a real filesystem: the bytes are overwritten before the
// name goes (seen through a second hard link to the same file), and a file that changed or is
// a symbolic link is left alone.
import {
  existsSync,
  linkSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { isCairnError } from '../../../src-main/core/errors.ts'
import { fingerprintOf, overwriteAndDelete } from '../../../src-main/core/fs/overwrite-delete.ts'

const SECRET = Buffer.from(
  'otpauth://totp/Mail:me?secret=JBSWY3DPEHPK3PXP&issuer=Mail\n'.repeat(3000),
)

async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => null,
    (e: unknown) => e,
  )
}

describe('overwriteAndDelete', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cairn-overwrite-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('overwrites every byte with random data, then removes the name', async () => {
    const file = join(dir, 'export.txt')
    writeFileSync(file, SECRET)
    // A second name for the same inode shows what happened to the data itself.
    const witness = join(dir, 'witness')
    linkSync(file, witness)
    await overwriteAndDelete(file, fingerprintOf(SECRET))
    expect(existsSync(file)).toBe(false)
    const left = readFileSync(witness)
    expect(left.length).toBe(SECRET.length)
    expect(left.toString('latin1')).not.toContain('JBSWY3DPEHPK3PXP')
    // Random data matches the original at about 1 byte in 256, by chance.
    let same = 0
    for (let i = 0; i < SECRET.length; i++) if (left[i] === SECRET[i]) same++
    expect(same / SECRET.length).toBeLessThan(0.02)
  })

  it('leaves a file alone that no longer holds the imported bytes', async () => {
    const file = join(dir, 'export.txt')
    writeFileSync(file, Buffer.concat([SECRET, Buffer.from('x')]))
    const e = await errorOf(overwriteAndDelete(file, fingerprintOf(SECRET)))
    expect(isCairnError(e, 'CONFLICT')).toBe(true)
    expect(readFileSync(file).subarray(0, SECRET.length).equals(SECRET)).toBe(true)

    const sameSize = Buffer.from(SECRET)
    sameSize[10] = 0x41
    writeFileSync(file, sameSize)
    const e2 = await errorOf(overwriteAndDelete(file, fingerprintOf(SECRET)))
    expect(isCairnError(e2, 'CONFLICT')).toBe(true)
    expect(readFileSync(file).equals(sameSize)).toBe(true)
  })

  it('refuses a symbolic link and a missing file, touching nothing', async () => {
    const target = join(dir, 'real.txt')
    writeFileSync(target, SECRET)
    const link = join(dir, 'link.txt')
    symlinkSync(target, link)
    const e = await errorOf(overwriteAndDelete(link, fingerprintOf(SECRET)))
    expect(isCairnError(e, 'CONFLICT')).toBe(true)
    expect(readFileSync(target).equals(SECRET)).toBe(true)
    expect(existsSync(link)).toBe(true)

    const gone = await errorOf(overwriteAndDelete(join(dir, 'nope'), fingerprintOf(SECRET)))
    expect(isCairnError(gone, 'FILE_NOT_FOUND')).toBe(true)
  })
})
