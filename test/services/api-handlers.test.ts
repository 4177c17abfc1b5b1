import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { API, apiChannels, type ApiResult } from '../../src-shared/ipc-contract.ts'
import { servicesInTempDir, type Harness } from './service-fixtures.ts'

let h: Harness
beforeEach(() => {
  h = servicesInTempDir()
})
afterEach(() => h.cleanup())

const login = {
  kind: 'login',
  title: 'Mail',
  username: 'ada',
  password: 'pw',
  urls: [],
  notes: '',
  tags: [],
  fields: [],
  otpLink: null,
}

async function callApi(channel: string, args: unknown): Promise<ApiResult<unknown>> {
  const handler = h.handlers[channel]
  if (!handler) throw new Error(`no handler for ${channel}`)
  return handler(args)
}

async function value<T>(channel: string, ...args: unknown[]): Promise<T> {
  const r = await callApi(channel, args)
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`)
  return r.value as T
}

describe('API handler table', () => {
  it('has exactly one handler per channel of the contract', () => {
    const channels = apiChannels().map((c) => c.channel)
    expect(new Set(channels).size).toBe(channels.length)
    expect(Object.keys(h.handlers).sort()).toEqual([...channels].sort())
  })

  it('rejects malformed arguments before any service runs, naming what is wrong', async () => {
    const cases: [string, unknown, string][] = [
      [API.vaults.unlock, ['id'], '2 argument(s)'],
      [API.vaults.unlock, ['id', 42], 'argument 2'],
      [API.vaults.open, 'not-a-list', 'argument list'],
      [API.items.create, ['v', { kind: 'login', title: 'x' }], 'argument 2.username'],
      [API.items.create, ['v', { kind: 'wifi' }], 'argument 2.kind'],
      [
        API.items.update,
        ['v', 'i', 1, { ...login, fields: [{ name: 'A', secret: true, keepIndex: -1 }] }],
        'argument 4.fields[0].keepIndex',
      ],
      [API.items.reveal, ['v', 'i', { kind: 'password', extra: 1 }], 'argument 3.extra'],
      [API.settings.update, [{ clipboardClearSeconds: 99999 }], 'clipboardClearSeconds'],
      [API.otp.scanImage, [[1, 2, 3]], 'binary data'],
      [
        API.generator.password,
        [
          {
            length: 3,
            lower: true,
            upper: true,
            digits: true,
            symbols: true,
            avoidAmbiguous: false,
          },
        ],
        'from 4',
      ],
    ]
    for (const [channel, args, message] of cases) {
      const r = await callApi(channel, args)
      expect(r.ok, channel).toBe(false)
      if (!r.ok) {
        expect(r.error.code).toBe('INVALID_ARGUMENT')
        expect(r.error.message).toContain(message)
      }
    }
  })

  it('reports core errors by code in the envelope (a wrong password says so)', async () => {
    const v = await value<{ id: string }>(API.vaults.create, {
      path: await value<string>(API.vaults.suggestPath, 'A'),
      name: 'A',
      password: 'right',
    })
    await value(API.vaults.lock, v.id)
    const r = await callApi(API.vaults.unlock, [v.id, 'wrong'])
    expect(r).toMatchObject({ ok: false, error: { code: 'WRONG_PASSWORD' } })
    if (!r.ok) expect(r.error.message).not.toContain('wrong')
    expect(await callApi(API.items.list, [v.id])).toMatchObject({
      ok: false,
      error: { code: 'LOCKED' },
    })
  })

  it('serves a whole flow: create, add, list, copy (main writes the clipboard)', async () => {
    const path = await value<string>(API.vaults.suggestPath, 'Passwords')
    expect(path).toBe(h.path('Passwords.cairn'))
    const v = await value<{ id: string; state: string }>(API.vaults.create, {
      path,
      name: 'Passwords',
      password: 'pw',
    })
    expect(v.state).toBe('unlocked')
    const item = await value<{ id: string }>(API.items.create, v.id, {
      kind: 'login',
      title: 'Mail',
      username: 'ada',
      password: 'clip-secret',
      urls: [],
      notes: '',
      tags: [],
      fields: [],
      otpLink: null,
    })
    const list = await value<{ items: { id: string }[] }>(API.items.list, v.id)
    expect(list.items.map((i) => i.id)).toEqual([item.id])
    const receipt = await value<{ clearsAt: number | null }>(API.clipboard.copy, v.id, item.id, {
      kind: 'password',
    })
    expect(receipt.clearsAt).toBeGreaterThan(Date.now())
    expect(await h.clipboard.readText()).toBe('clip-secret')
    expect(h.clipboard.holdsSecret).toBe(true)
    expect(await value<boolean>(API.clipboard.clear)).toBe(true)
    expect(await h.clipboard.readText()).toBe('')
  })

  it('says which capabilities this host has, and what is not available', async () => {
    const info = await value<{ capabilities: Record<string, boolean> }>(API.app.info)
    expect(info.capabilities).toEqual({
      fileDialogs: false,
      qrScanner: false,
    })
    expect(await callApi(API.dialogs.chooseVaultToOpen, [])).toMatchObject({
      ok: false,
      error: { code: 'UNSUPPORTED' },
    })
  })

  it('generates passwords and passphrases with their exact entropy and a strength verdict', async () => {
    const pw = await value<{ value: string; entropyBits: number; strength: { score: number } }>(
      API.generator.password,
      {
        length: 24,
        lower: true,
        upper: true,
        digits: true,
        symbols: false,
        avoidAmbiguous: true,
      },
    )
    expect(pw.value).toMatch(/^[A-Za-z0-9]{24}$/)
    expect(pw.value).not.toMatch(/[Il1O0o]/)
    expect(pw.entropyBits).toBeGreaterThan(130)
    expect(pw.strength.score).toBe(4)
    const pp = await value<{ value: string; entropyBits: number }>(API.generator.passphrase, {
      words: 4,
      separator: ' ',
      capitalize: false,
      includeNumber: false,
    })
    expect(pp.value.split(' ')).toHaveLength(4)
    expect(pp.entropyBits).toBeCloseTo(51.7, 1)
  })
})
