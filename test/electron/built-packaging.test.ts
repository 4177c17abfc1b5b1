// electron-builder.config.js against the built tree: the package would hold every chunk, page,
// dependency, native addon and resource the bundles load (no Electron binary or electron-builder
// needed; what only a real package shows is listed in docs/desktop-shell.md).
import { readdirSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { builderConfig, OUT, ROOT, requireBuild } from './support/built-app.ts'
import {
  checkPackaging,
  packedByFiles,
  type PackagingConfig,
  type PackagingReport,
} from './support/bundle-packaging.ts'

let config: PackagingConfig
let report: PackagingReport
beforeAll(async () => {
  requireBuild()
  config = await builderConfig()
  report = checkPackaging(ROOT, OUT, config)
})

describe('what electron-builder would pack', () => {
  it('holds everything the bundles load', () => {
    expect(report.problems).toEqual([])
  })

  it('followed the bundles to every built chunk, page and asset', () => {
    const built = readdirSync(OUT, { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.(js|cjs|html|css)$/.test(f))
      .map((f) => `out/${f}`)
    expect(report.checked.files.sort()).toEqual(built.sort())
  })

  it('saw the native Argon2 and SQLite the bundle imports, unpacked from the asar', () => {
    expect(report.checked.packages).toEqual(
      expect.arrayContaining(['better-sqlite3', '@node-rs/argon2', 'argon2-browser']),
    )
    expect(report.checked.unpacked.some((p) => p.startsWith('node_modules/better-sqlite3/'))).toBe(
      true,
    )
    expect(report.checked.unpacked.some((p) => p.startsWith('node_modules/@node-rs/argon2-'))).toBe(
      true,
    )
  })

  it('reads `files` as electron-builder does: later ! patterns exclude', () => {
    const files = config.files
    expect(packedByFiles('out/main/index.js', files)).toBe(true)
    expect(packedByFiles('out/main/index.js.map', files)).toBe(false)
    expect(packedByFiles('src-main/index.ts', files)).toBe(false)
  })
})
