// The registry: content decides, the name breaks ties, an unresolved tie names the candidates,
// and --from overrides detection.
import { describe, expect, it } from 'vitest'
import { isCairnError } from '../../../../src-main/core/errors.ts'
import type { Importer } from '../../../../src-main/core/import/importer.ts'
import {
  IMPORTERS,
  detectImporter,
  importerById,
  readImportedFile,
} from '../../../../src-main/core/import/importers/index.ts'
import { answer, errorOfAsync, keysOf } from './importer-harness.ts'

const utf8 = (text: string) => new TextEncoder().encode(text)

describe('import registry', () => {
  it('has unique, lower-case ids and a name and help for each format', () => {
    const ids = IMPORTERS.map((i) => i.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const i of IMPORTERS) {
      expect(i.id).toMatch(/^[a-z0-9-]+$/)
      expect(i.name.length).toBeGreaterThan(3)
      expect(i.help.length).toBeGreaterThan(10)
    }
  })

  it('detects by content whatever the file is called', () => {
    const aegis = utf8(
      '{"version":1,"header":{"slots":null,"params":null},"db":{"version":3,"entries":[]}}',
    )
    expect(detectImporter(aegis, 'export.txt').id).toBe('aegis')
    expect(detectImporter(utf8('otpauth://totp/a?secret=JBSWY3DPEHPK3PXP\n'), 'x.json').id).toBe(
      'otpauth',
    )
  })

  it('refuses, in one message, a file no format claims', () => {
    const e = (() => {
      try {
        return detectImporter(utf8('{"unknown": true}'), 'data.json')
      } catch (error) {
        return error
      }
    })()
    expect(isCairnError(e, 'UNSUPPORTED')).toBe(true)
    expect(String((e as Error).message)).toMatch(/^Not a format Cairn can import/)
  })

  it('names the candidates when two formats are equally sure', async () => {
    const { IMPORTERS: list } = await import('../../../../src-main/core/import/importers/index.ts')
    const twin: Importer = { ...list[2]!, id: 'twin' }
    const mutable = list as Importer[]
    mutable.push(twin)
    try {
      const aegis = utf8('{"version":1,"header":{"slots":null},"db":{"entries":[]}}')
      expect(() => detectImporter(aegis, 'a.json')).toThrow(
        /any of these formats: aegis, twin; name one with --from FORMAT/,
      )
    } finally {
      mutable.pop()
    }
  })

  it('reads with the format named by --from, and refuses an unknown one', async () => {
    const list = utf8(
      'otpauth://totp/Ente:me?secret=JBSWY3DPEHPK3PXP&codeDisplay=%7B%22pinned%22%3Afalse%7D\n',
    )
    const file = await readImportedFile(
      list,
      'ente-auth-codes-2024-01-01.txt',
      answer(null),
      'otpauth',
    )
    expect(keysOf(file).map((k) => 'issuer' in k && [k.issuer, k.account])).toEqual([
      ['Ente', 'me'],
    ])
    expect(() => importerById('kee-pass')).toThrow(
      /Unknown import format 'kee-pass'; known formats: qr-image, otpauth/,
    )
    const wrong = await errorOfAsync(() => readImportedFile(list, 'x.txt', answer(null), 'aegis'))
    expect(isCairnError(wrong, 'MALFORMED_BACKUP')).toBe(true)
  })
})
