import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { readImportFiles } from '../../../src-main/core/import/import-files.ts'
import { TOTP_ALICE } from '../qr/fixtures/screens.ts'
import { SyntheticScreen } from '../qr/fixtures/synthetic-screen.ts'

describe('readImportFiles', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cairn-import-files-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('reads images and URI lists, and reports each unreadable file by name', async () => {
    const screen = new SyntheticScreen(640, 480, 2).desktop('light', 1)
    screen.qr(TOTP_ALICE, 200, 100, { modulePx: 3 })
    const png = screen.toPng()
    writeFileSync(join(dir, 'shot.png'), png)
    writeFileSync(join(dir, 'cut.png'), png.subarray(0, png.length - 40))
    writeFileSync(join(dir, 'keys.txt'), `${TOTP_ALICE}\n`)
    mkdirSync(join(dir, 'folder'))
    const files = ['shot.png', 'cut.png', 'keys.txt', 'missing.png', 'folder'].map((f) =>
      join(dir, f),
    )
    const outcomes = await readImportFiles(files)
    expect(outcomes.map((o) => ('error' in o ? o.error : o.source.kind))).toEqual([
      'image',
      'Truncated PNG file',
      'text',
      'no such file',
      'is a folder, not a file',
    ])
    expect(outcomes.map((o) => o.file)).toEqual(files)
  })
})
