// The app's import through the API handler table on a real vault file: an encrypted Aegis export
// asks for its password, a wrong one writes nothing, the preview names what will be added and
// skipped, apply writes it all in one go, and a lock forgets the previewed secrets.
import { afterEach, describe, expect, it } from 'vitest'
import {
  API,
  type ApiResult,
  type CairnEvent,
  type ImportDone,
  type ImportPreview,
  type ItemSummary,
  type VaultInfo,
} from '../../src-shared/ipc-contract.ts'
import { AEGIS_DB } from '../core/import/importers/fixtures/aegis-db.ts'
import { aegisEncrypted } from '../core/import/importers/fixtures/export-crypto.ts'
import { servicesInTempDir, type Harness } from './service-fixtures.ts'

let h: Harness
afterEach(() => h.cleanup())

async function call<T>(channel: string, ...args: unknown[]): Promise<ApiResult<T>> {
  return (await h.handlers[channel]!(args)) as ApiResult<T>
}
async function value<T>(channel: string, ...args: unknown[]): Promise<T> {
  const r = await call<T>(channel, ...args)
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`)
  return r.value
}

const EXPORT = aegisEncrypted(AEGIS_DB, 'phone', 2 ** 10)
const request = (password: string | null) => ({
  fileName: 'aegis-backup.json',
  bytes: EXPORT,
  password,
  format: null,
})

async function vault() {
  h = servicesInTempDir({ typedPathsAreFileChoices: true })
  return value<VaultInfo>(API.vaults.create, {
    path: h.path('Keys.cairn'),
    name: 'Keys',
    password: 'pw',
  })
}
const listed = async (id: string) =>
  (await value<{ items: ItemSummary[] }>(API.items.list, id)).items.map((i) => i.title).sort()

describe('imports in the app', () => {
  it('asks for the export password, refuses a wrong one, previews, then writes all', async () => {
    const v = await vault()
    const events: CairnEvent[] = []
    h.services.events.subscribe((e) => events.push(e))

    expect(await value<ImportPreview>(API.imports.preview, v.id, request(null))).toEqual({
      status: 'needs-password',
      formatName: 'Aegis (JSON, plain or encrypted)',
    })
    const wrong = await call(API.imports.preview, v.id, request('nope'))
    expect(wrong.ok ? 'OK' : wrong.error.code).toBe('WRONG_PASSWORD')
    expect(await listed(v.id)).toEqual([])

    const preview = await value<ImportPreview>(API.imports.preview, v.id, request('phone'))
    if (preview.status !== 'ready') throw new Error('expected a preview')
    expect(preview.add.map((a) => a.label)).toEqual([
      '2FA key GitHub (octo@example.com)',
      '2FA key Bank:carol',
      '2FA key Steam (gamer)',
      '2FA key Old Forum (short)',
    ])
    expect(preview.problems).toEqual([])
    expect(preview.notes).toEqual([expect.stringMatching(/only 40 bits/)])
    expect(JSON.stringify(preview)).not.toMatch(/JBSWY3DP|GEZDGNBV|63BEDWCQ/)
    expect(await listed(v.id)).toEqual([])

    const stale = await call(API.imports.apply, v.id, 'another-preview')
    expect(stale.ok ? 'OK' : stale.error.code).toBe('NOT_FOUND')
    const done = await value<ImportDone>(API.imports.apply, v.id, preview.previewId)
    expect(done).toEqual({ added: 4, skipped: 0, plainFile: false })
    expect((await listed(v.id)).length).toBe(4)
    expect(events).toContainEqual({ type: 'items-changed', vaultId: v.id })
    expect(events).toContainEqual({
      type: 'progress',
      vaultId: v.id,
      progress: { operation: 'import', phase: 'done', done: 4, total: 4 },
    })

    // Applied once: the same preview cannot be applied again; a new one skips every key.
    const again = await call(API.imports.apply, v.id, preview.previewId)
    expect(again.ok ? 'OK' : again.error.code).toBe('NOT_FOUND')
    const second = await value<ImportPreview>(API.imports.preview, v.id, request('phone'))
    expect(second.status === 'ready' && [second.add.length, second.skipped.length]).toEqual([0, 4])
  })

  it('forgets a previewed import when the vault locks', async () => {
    const v = await vault()
    const preview = await value<ImportPreview>(API.imports.preview, v.id, request('phone'))
    await value(API.vaults.lock, v.id)
    await value(API.vaults.unlock, v.id, 'pw')
    const r = await call(
      API.imports.apply,
      v.id,
      preview.status === 'ready' ? preview.previewId : '',
    )
    expect(r.ok ? 'OK' : r.error.code).toBe('NOT_FOUND')
    expect(await listed(v.id)).toEqual([])
  })

  it('refuses a file of no known format in one message, and an unknown format name', async () => {
    const v = await vault()
    const foreign = {
      fileName: 'x.json',
      bytes: new TextEncoder().encode('{"a":1}'),
      password: null,
      format: null,
    }
    const r = await call(API.imports.preview, v.id, foreign)
    expect(r.ok ? 'OK' : r.error.message).toMatch(/^Not a format Cairn can import/)
    const named = await call(API.imports.preview, v.id, { ...foreign, format: 'nope' })
    expect(named.ok ? 'OK' : named.error.code).toBe('INVALID_ARGUMENT')
  })
})
