// The bit-flip campaign: one random bit of a locked vault file flipped per trial, then the file is
// opened, unlocked with the right password, listed and written to as the app would. Every outcome
// is counted; the one that must never happen is an item read back with different data (or gone)
// without the vault saying a row is damaged.
import { randomInt } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { isCairnError } from '../../src-main/core/errors.ts'
import type { ItemData } from '../../src-main/core/vault/item-types.ts'
import { createVault, openVault } from '../../src-main/core/vault/vault-file.ts'

const PASSWORD = 'flip campaign password'
/** Test-only Argon2id parameters: the campaign is about the file, not the KDF. */
const FAST_KDF = { memoryKiB: 64, iterations: 1, parallelism: 1 }

export interface FlipFigures {
  flips: number
  /** Every item read back as written: the bit was in unused space, or SQLite did not need it. */
  unharmed: number
  /** Healthy items read back as written, the damaged ones reported by id. */
  damagedRowsReported: number
  /** Refused with a CairnError naming the damage (by code). */
  refused: Record<string, number>
  /** Refused with an answer that sends the person the wrong way (wrong password, try again). */
  misleading: number
  /** A non-CairnError escaped: a crash as far as the person is concerned. */
  rawExceptions: number
  /** An item read back with other data, or missing without a report. Must be 0. */
  silentWrongData: number
  /** Examples of the last two kinds, for the report. */
  examples: string[]
}

const MISLEADING = new Set(['WRONG_PASSWORD', 'WRONG_CREDENTIAL', 'CONFLICT'])

function sampleItems(): ItemData[] {
  return [
    {
      type: 'login',
      title: 'Mail',
      username: 'alice@example.com',
      password: 'hunter2-but-longer',
      urls: ['https://mail.example.com'],
      notes: 'n',
      tags: ['work'],
      fields: [{ name: 'PIN', value: '1234', secret: true }],
      passwordHistory: [{ password: 'old-pass', replacedAt: 1_700_000_000_000 }],
      otpLink: null,
    },
    { type: 'note', title: 'Door code', body: '4711', tags: [] },
    {
      type: 'otp',
      kind: 'totp',
      secret: 'JBSWY3DPEHPK3PXP',
      issuer: 'Example',
      account: 'alice',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: 0,
      encoder: 'standard',
      title: '',
      notes: '',
      tags: [],
    },
  ]
}

interface Pristine {
  bytes: Buffer
  items: Map<string, string>
  /** Byte ranges of the pages that hold the schema, the header and the key slots. */
  keyPages: [number, number][]
}

/** Where the flips go: anywhere, or only the pages an unlock reads (more misleading answers). */
export type FlipFocus = 'anywhere' | 'unlock-pages'

async function pristineVault(dir: string): Promise<Pristine> {
  const path = join(dir, 'pristine.cairn')
  const v = await createVault(path, {
    password: PASSWORD,
    name: 'Flip campaign',
    unsafeKdfParamsForTests: FAST_KDF,
  })
  for (const d of sampleItems()) v.add(d)
  const items = new Map(v.list().items.map((i) => [i.id, JSON.stringify(i.data)]))
  v.lock()
  const db = new Database(path, { readonly: true })
  const pageSize = db.pragma('page_size', { simple: true }) as number
  const pages = db
    .prepare(
      `SELECT pageno FROM dbstat WHERE name IN
         ('sqlite_schema', 'vault_header', 'key_slots', 'sqlite_autoindex_key_slots_1')`,
    )
    .pluck()
    .all() as number[]
  db.close()
  const keyPages = pages.map((p): [number, number] => [(p - 1) * pageSize, p * pageSize])
  return { bytes: readFileSync(path), items, keyPages }
}

function classifyError(e: unknown, figures: FlipFigures, where: string): void {
  if (isCairnError(e)) {
    if (MISLEADING.has(e.code)) {
      figures.misleading++
      if (figures.examples.length < 20) figures.examples.push(`${where}: ${e.code} ${e.message}`)
    } else figures.refused[e.code] = (figures.refused[e.code] ?? 0) + 1
    return
  }
  figures.rawExceptions++
  const name = e instanceof Error ? e.name : typeof e
  if (figures.examples.length < 20) {
    figures.examples.push(`${where}: ${name} ${e instanceof Error ? e.message : ''}`)
  }
}

async function oneFlip(
  path: string,
  pristine: Pristine,
  figures: FlipFigures,
  focus: FlipFocus,
): Promise<void> {
  const bytes = Buffer.from(pristine.bytes)
  let at = randomInt(bytes.length)
  if (focus === 'unlock-pages') {
    const [start, end] = pristine.keyPages[randomInt(pristine.keyPages.length)]!
    at = start + randomInt(end - start)
  }
  bytes[at] = bytes[at]! ^ (1 << randomInt(8))
  for (const f of [path, `${path}-wal`, `${path}-shm`]) rmSync(f, { force: true })
  writeFileSync(path, bytes)
  figures.flips++
  let stage = 'open'
  let v: Awaited<ReturnType<ReturnType<typeof openVault>['unlock']>> | null = null
  try {
    const locked = openVault(path)
    stage = 'unlock'
    v = await locked.unlock({ kind: 'password', password: PASSWORD })
    stage = 'list'
    const { items, damaged } = v.list()
    const reported = new Set(damaged.map((d) => d.id))
    for (const item of items) {
      const expected = pristine.items.get(item.id)
      if (expected !== JSON.stringify(item.data)) {
        figures.silentWrongData++
        figures.examples.push(`byte ${at}: item ${item.id} read back with other data`)
        return
      }
    }
    const seen = new Set(items.map((i) => i.id))
    const missing = [...pristine.items.keys()].filter((id) => !seen.has(id) && !reported.has(id))
    if (missing.length && damaged.length === 0) {
      figures.silentWrongData++
      figures.examples.push(`byte ${at}: ${missing.length} item(s) gone without a report`)
      return
    }
    stage = 'write'
    const added = v.add({ type: 'note', title: 'after the flip', body: 'x', tags: [] })
    stage = 'read back'
    if (JSON.stringify(v.get(added.id).data) !== JSON.stringify(added.data)) {
      figures.silentWrongData++
      figures.examples.push(`byte ${at}: a write read back differently`)
      return
    }
    if (damaged.length) figures.damagedRowsReported++
    else figures.unharmed++
  } catch (e) {
    classifyError(e, figures, `byte ${at} (${stage})`)
  } finally {
    try {
      v?.lock()
    } catch {
      // The flip may make the closing checkpoint fail too; the outcome is already counted.
    }
  }
}

/** Flips bits for `budgetMs` (or `maxFlips`, whichever comes first) and returns the figures. */
export async function runFlipCampaign(
  budgetMs: number,
  { maxFlips = Infinity, focus = 'anywhere' }: { maxFlips?: number; focus?: FlipFocus } = {},
): Promise<FlipFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'cairn-flip-'))
  const figures: FlipFigures = {
    flips: 0,
    unharmed: 0,
    damagedRowsReported: 0,
    refused: {},
    misleading: 0,
    rawExceptions: 0,
    silentWrongData: 0,
    examples: [],
  }
  try {
    const pristine = await pristineVault(dir)
    const path = join(dir, 'flipped.cairn')
    const until = Date.now() + budgetMs
    while (Date.now() < until && figures.flips < maxFlips)
      await oneFlip(path, pristine, figures, focus)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  return figures
}
