// The checks every importer gets: exact entries from a fixture written from the format's
// documentation, a wrong password (encrypted formats), truncated and tampered files, and a
// bounded fuzz of the parser, each failure ending as a CairnError with the vault file on disk
// untouched. The fuzz prints how many inputs it tried.
import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { isCairnError } from '../../../../src-main/core/errors.ts'
import {
  applyImport,
  planImport,
  vaultItems,
} from '../../../../src-main/core/import/import-plan.ts'
import type {
  AskSecret,
  ImportedFile,
  Importer,
} from '../../../../src-main/core/import/importer.ts'
import { detectImporter } from '../../../../src-main/core/import/importers/index.ts'
import type { UnlockedVaultFile } from '../../../../src-main/core/vault/unlocked-vault-file.ts'
import { newVault, tempDir } from '../../vault/vault-fixtures.ts'

export const EXPORT_PASSWORD = 'export pass phrase ✓'

/** The fields of a key in keysOf()'s shape that a format leaves at its defaults. */
export const KEY_DEFAULTS = {
  kind: 'totp',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  encoder: 'standard',
  notes: '',
  tags: [],
  folder: undefined,
}

/** A value as an export file holds it: pretty-printed JSON, UTF-8. */
export const jsonBytes = (value: unknown): Uint8Array =>
  new TextEncoder().encode(JSON.stringify(value, null, 2))

export const answer =
  (password: string | null): AskSecret =>
  async () =>
    password

export async function errorOfAsync(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run()
  } catch (e) {
    return e
  }
  throw new Error('expected a failure')
}

/** A vault on disk that failed imports must leave byte for byte as it was. */
export function vaultOnDisk() {
  const tmp = tempDir()
  const state: { vault?: UnlockedVaultFile; path: string } = { path: tmp.file('import.cairn') }
  beforeAll(async () => {
    state.vault = await newVault(state.path)
  })
  afterAll(() => {
    state.vault?.lock()
    tmp.cleanup()
  })
  /** Reads, plans and writes as an import does; returns the error it ended with. */
  const importFails = async (importer: Importer, bytes: Uint8Array, ask: AskSecret) => {
    const vault = state.vault!
    const before = readFileSync(state.path)
    const error = await errorOfAsync(async () => {
      const file = await importer.read(bytes, ask)
      const plan = planImport([{ name: 'x', file }], vaultItems(vault.list()))
      applyImport(vault, plan)
    })
    expect(readFileSync(state.path).equals(before)).toBe(true)
    expect(vault.list().items).toEqual([])
    return error
  }
  return { importFails }
}

/** Byte positions whose change must be caught: the file's middle and its last quarter. */
function tamperedCopies(bytes: Uint8Array): Uint8Array[] {
  return [Math.floor(bytes.length / 2), Math.floor((bytes.length * 3) / 4), bytes.length - 2].map(
    (at) => {
      const copy = bytes.slice()
      copy[at] = copy[at]! ^ 0x5a
      return copy
    },
  )
}

export interface FormatCase {
  importer: Importer
  fileName: string
  bytes: Uint8Array
  password?: string
  /** What the entries must be, compared exactly. */
  expectEntries: (file: ImportedFile) => void
  /**
   * Whether a flipped byte must always fail. True for authenticated encryption; a plain JSON file
   * may stay valid JSON with a changed letter, which then only changes a name.
   */
  tamperAlwaysFails: boolean
  /** Inputs to fuzz (300); 0 when a twin case of the same parser with cheaper key derivation is. */
  fuzzRuns?: number
}

export function formatChecks(c: FormatCase): void {
  const ask = answer(c.password ?? null)
  const { importFails } = vaultOnDisk()

  it('is detected from its content', () => {
    expect(detectImporter(c.bytes, c.fileName).id).toBe(c.importer.id)
  })

  it('reads the exact entries', async () => {
    const file = await c.importer.read(c.bytes, ask)
    expect(file.format).toBe(c.importer.id)
    c.expectEntries(file)
  })

  if (c.password !== undefined) {
    it('refuses a wrong password, writing nothing', async () => {
      const e = await importFails(c.importer, c.bytes, answer('not the password'))
      expect(isCairnError(e, 'WRONG_PASSWORD'), String(e)).toBe(true)
      const declined = await importFails(c.importer, c.bytes, answer(null))
      expect(isCairnError(declined), String(declined)).toBe(true)
    })
  }

  it('refuses a truncated file with a CairnError, writing nothing', async () => {
    for (const length of [0, 1, Math.floor(c.bytes.length / 3), c.bytes.length - 20]) {
      const e = await importFails(c.importer, c.bytes.subarray(0, length), ask)
      expect(isCairnError(e), `cut at ${length}: ${String(e)}`).toBe(true)
    }
  })

  it('ends a tampered file as a CairnError or the same entries, never anything else', async () => {
    const original = await c.importer.read(c.bytes, ask)
    for (const copy of tamperedCopies(c.bytes)) {
      try {
        const file = await c.importer.read(copy, ask)
        expect(c.tamperAlwaysFails, 'a change to authenticated bytes was not caught').toBe(false)
        expect(file.entries.length + file.problems.length).toBe(
          original.entries.length + original.problems.length,
        )
      } catch (e) {
        expect(isCairnError(e), String(e)).toBe(true)
      }
    }
  })

  // The encrypted twin of a format is fuzzed through a fixture with cheap key derivation instead.
  if (c.fuzzRuns === 0) return
  it('fuzz: every mutated input ends as a result or a CairnError', async () => {
    const text = new TextDecoder().decode(c.bytes)
    const json = parsedOrUndefined(text)
    const mutated = fc.oneof(
      fc
        .tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 8 }), fc.nat(16))
        .map(([at, insert, drop]) => {
          const cut = at % (c.bytes.length + 1)
          return Uint8Array.from([
            ...c.bytes.subarray(0, cut),
            ...insert,
            ...c.bytes.subarray(cut + drop),
          ])
        }),
      json === undefined ? fc.uint8Array({ maxLength: 256 }) : replacedSubtree(json),
    )
    let tried = 0
    await fc.assert(
      fc.asyncProperty(mutated, async (bytes) => {
        tried++
        try {
          await c.importer.read(bytes, ask)
        } catch (e) {
          if (!isCairnError(e)) throw e
        }
      }),
      { numRuns: c.fuzzRuns ?? 300, seed: 11 },
    )
    console.log(`${c.importer.id}: fuzzed ${tried} inputs, each a result or a CairnError`)
    expect(tried).toBe(c.fuzzRuns ?? 300)
  })
}

function parsedOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** Every path into a JSON value, so the fuzz can replace any part of a valid file. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const here = [prefix]
  if (Array.isArray(value)) return here.concat(value.flatMap((v, i) => paths(v, [...prefix, i])))
  if (typeof value === 'object' && value !== null) {
    return here.concat(Object.entries(value).flatMap(([k, v]) => paths(v, [...prefix, k])))
  }
  return here
}

function replacedSubtree(json: unknown): fc.Arbitrary<Uint8Array> {
  const all = paths(json)
  return fc.tuple(fc.nat(all.length - 1), fc.jsonValue({ maxDepth: 3 })).map(([i, replacement]) => {
    const path = all[i]!
    const copy = structuredClone(json) as Record<string | number, unknown>
    if (path.length === 0) return new TextEncoder().encode(JSON.stringify(replacement))
    let node = copy
    for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>
    node[path.at(-1)!] = replacement
    return new TextEncoder().encode(JSON.stringify(copy))
  })
}

/** The OTP fields of an import's entries, for exact comparison. */
export function keysOf(file: ImportedFile) {
  return file.entries.map((e) => {
    const d = e.data
    if (d.type !== 'otp') return { where: e.where, type: d.type }
    return {
      kind: d.kind,
      secret: d.secret,
      issuer: d.issuer,
      account: d.account,
      algorithm: d.algorithm,
      digits: d.digits,
      period: d.period,
      counter: d.counter,
      encoder: d.encoder,
      notes: d.notes,
      tags: d.tags,
      folder: e.folder,
    }
  })
}

/** An expectEntries check: the keys exactly, and whether the file was encrypted when given. */
export function expectKeys(
  keys: unknown[],
  { encrypted }: { encrypted?: boolean } = {},
): (file: ImportedFile) => void {
  return (file) => {
    expect(keysOf(file)).toEqual(keys)
    if (encrypted !== undefined) expect(file.encrypted).toBe(encrypted)
  }
}
