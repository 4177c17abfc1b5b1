// A minimal page host for driving the picker page in Chromium before the browser harness serves
// it: the built picker.html and its assets come through Cairn's real protocol handler (same files,
// same CSP and headers), and calls go to the real shell handler table and picker service over
// HTTP. The open vaults behind the picker are held in memory here (a 2FA key, a password per
// vault) because vault files are not on this branch yet; codes come from the real OTP engine.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { CairnError } from '../../../src-main/core/errors.ts'
import { hotpCode } from '../../../src-main/core/otp/otp-codes.ts'
import type { OtpKey } from '../../../src-main/core/otp/otp-types.ts'
import { APP_ORIGIN, createAppProtocolHandler } from '../../../src-main/electron/app-protocol.ts'
import {
  PickerService,
  type PickerOtpItem,
  type PickerPorts,
} from '../../../src-main/electron/picker-service.ts'
import { createShellHandlers } from '../../../src-main/electron/shell-handlers.ts'

export interface MemoryVault {
  id: string
  name: string
  password: string
  unlocked: boolean
  items: PickerOtpItem[]
}

export class MemoryVaults implements PickerPorts {
  vaults: MemoryVault[] = []
  clipboard: string[] = []
  /** Main's clock as the picker service sees it; null = the real time. */
  fixedNow: number | null = null
  listVaults() {
    return this.vaults.map((v) => ({
      id: v.id,
      name: v.name,
      state: v.unlocked ? ('unlocked' as const) : ('locked' as const),
    }))
  }
  listOtpItems(vaultId: string) {
    const v = this.vaults.find((x) => x.id === vaultId)
    if (!v) throw new CairnError('NOT_FOUND', 'That vault is not open.')
    if (!v.unlocked) throw new CairnError('LOCKED', `${v.name} is locked.`)
    return v.items
  }
  async unlock(vaultId: string, password: string) {
    const v = this.vaults.find((x) => x.id === vaultId)
    if (!v) throw new CairnError('NOT_FOUND', 'That vault is not open.')
    if (password !== v.password) throw new CairnError('WRONG_PASSWORD', 'Wrong master password.')
    v.unlocked = true
  }
  async nextHotpCode(vaultId: string, itemId: string) {
    const item = this.listOtpItems(vaultId).find((i) => i.itemId === itemId) as PickerOtpItem
    const code = hotpCode(item.key, item.key.counter)
    item.key = { ...item.key, counter: item.key.counter + 1 }
    return code
  }
  async copy(text: string) {
    this.clipboard.push(text)
    return { clearsAt: Date.now() + 30_000 }
  }
  now() {
    return this.fixedNow ?? Date.now()
  }
}

export function otpKey(over: Partial<OtpKey>): OtpKey {
  return {
    kind: 'totp',
    secret: 'JBSWY3DPEHPK3PXP',
    issuer: '',
    account: '',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    encoder: 'standard',
    ...over,
  }
}

export interface PickerPageServer {
  url: string
  vaults: MemoryVaults
  /** How often the page asked to close since the last reset. */
  closes: () => number
  reset(): void
  stop(): Promise<void>
}

export async function startPickerPageServer(root: string): Promise<PickerPageServer> {
  const vaults = new MemoryVaults()
  let closes = 0
  const handlers = createShellHandlers({
    picker: new PickerService(vaults),
    hidePicker: () => void closes++,
    scanScreen: async () => {
      throw new CairnError('UNSUPPORTED', 'not in the browser')
    },
    scanClipboardImage: async () => {
      throw new CairnError('UNSUPPORTED', 'not in the browser')
    },
    scanImageFile: async () => null,
    hotkey: {
      status: { accelerator: '', registered: false, error: null, hint: null },
      change: () => {
        throw new CairnError('UNSUPPORTED', 'not in the browser')
      },
    },
    settings: {
      get: () => ({ copyCodeHotkey: '', lockOnSuspend: true, lockOnScreenLock: true }),
      update: () => {
        throw new CairnError('UNSUPPORTED', 'not in the browser')
      },
    },
    lockAll: async () => {
      for (const v of vaults.vaults) v.unlocked = false
    },
  })
  const serveFile = createAppProtocolHandler(join(root, 'out/renderer'))
  const server: Server = createServer((req, res) => {
    void (async () => {
      const path = req.url ?? '/'
      if (req.method === 'POST' && path === '/__picker/call') {
        const chunks: Buffer[] = []
        for await (const chunk of req) chunks.push(chunk as Buffer)
        const { channel, args } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
          channel: string
          args: unknown[]
        }
        const handler = handlers[channel]
        const result = handler
          ? await handler(args)
          : { ok: false, error: { code: 'NOT_FOUND', message: 'no such call' } }
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(JSON.stringify(result ?? null))
        return
      }
      const response = await serveFile(
        new Request(`${APP_ORIGIN}${path}`, { method: req.method ?? 'GET' }),
      )
      res.writeHead(response.status, Object.fromEntries(response.headers))
      res.end(Buffer.from(await response.arrayBuffer()))
    })().catch(() => {
      res.writeHead(500)
      res.end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    vaults,
    closes: () => closes,
    reset: () => {
      closes = 0
      vaults.clipboard = []
      vaults.fixedNow = null
    },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
