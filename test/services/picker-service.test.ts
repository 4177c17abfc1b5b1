import { describe, expect, it } from 'vitest'
import { CairnError, isCairnError } from '../../src-main/core/errors.ts'
import { codeToCopy } from '../../src-main/core/otp/code-to-copy.ts'
import type { OtpKey } from '../../src-main/core/otp/otp-types.ts'
import {
  PickerService,
  type PickerOtpItem,
  type PickerPorts,
  type PickerVaultInfo,
} from '../../src-main/services/picker-service.ts'
import type { SessionId } from '../../src-shared/ids.ts'

// RFC 6238 appendix B: the SHA-1 seed "12345678901234567890", 8 digits, 30 s.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'
const rfcKey = (over: Partial<OtpKey> = {}): OtpKey => ({
  kind: 'totp',
  secret: RFC_SECRET,
  issuer: 'Example',
  account: 'alice@example.com',
  algorithm: 'SHA1',
  digits: 8,
  period: 30,
  counter: 0,
  encoder: 'standard',
  ...over,
})

/**
 * The picker's view of open vaults, held in memory: vault sessions, a durable HOTP counter and a
 * clipboard that records what was written. The OTP codes themselves come from the real engine.
 */
class MemoryPorts implements PickerPorts {
  vaults: (PickerVaultInfo & { password: string; items: PickerOtpItem[] })[] = []
  copied: string[] = []
  clock = 0
  listVaults() {
    return this.vaults.map(({ id, name, state }) => ({ id, name, state }))
  }
  listOtpItems(vaultId: SessionId) {
    const v = this.vaults.find((x) => x.id === vaultId)
    if (!v || v.state !== 'unlocked') throw new CairnError('LOCKED', 'locked')
    return v.items
  }
  async unlock(vaultId: SessionId, password: string) {
    const v = this.vaults.find((x) => x.id === vaultId)
    if (!v) throw new CairnError('NOT_FOUND', 'no such vault')
    if (password !== v.password) throw new CairnError('WRONG_PASSWORD', 'Wrong master password.')
    v.state = 'unlocked'
  }
  codeToCopy(vaultId: SessionId, itemId: string) {
    const item = this.listOtpItems(vaultId).find((i) => i.itemId === itemId) as PickerOtpItem
    const chosen = codeToCopy(item.key, this.clock)
    if (chosen.which === 'hotp') item.key = { ...item.key, counter: item.key.counter + 1 }
    return chosen
  }
  async copy(text: string) {
    this.copied.push(text)
    return { clearsAt: this.clock + 30_000 }
  }
}

const V1 = 'v1' as SessionId
const V2 = 'v2' as SessionId
const V9 = 'v9' as SessionId

function setup() {
  const ports = new MemoryPorts()
  ports.vaults = [
    {
      id: V1,
      name: '2FA keys',
      state: 'unlocked',
      password: 'correct horse',
      items: [
        { itemId: 'rfc', title: '', key: rfcKey() },
        { itemId: 'gh', title: 'GitHub', key: rfcKey({ issuer: 'GitHub', digits: 6 }) },
        {
          itemId: 'hotp',
          title: '',
          key: rfcKey({ kind: 'hotp', issuer: 'Bank', digits: 6, counter: 0 }),
        },
      ],
    },
    {
      id: V2,
      name: 'Work',
      state: 'locked',
      password: 'battery staple',
      items: [{ itemId: 'w', title: '', key: rfcKey({ issuer: 'aws', account: 'ops' }) }],
    },
  ]
  return { ports, picker: new PickerService(ports) }
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => null,
    (e: unknown) => e,
  )
}

describe('picker service: listing', () => {
  it('lists the keys of unlocked vaults only, sorted by issuer, without secrets', () => {
    const { picker } = setup()
    const state = picker.state()
    expect(state.vaults).toEqual([
      { vaultId: V1, name: '2FA keys', unlocked: true },
      { vaultId: V2, name: 'Work', unlocked: false },
    ])
    expect(state.keys.map((k) => k.issuer)).toEqual(['Bank', 'Example', 'GitHub'])
    expect(JSON.stringify(state)).not.toContain(RFC_SECRET)
    expect(state.keys[0]).toEqual({
      vaultId: V1,
      vaultName: '2FA keys',
      itemId: 'hotp',
      title: '',
      issuer: 'Bank',
      account: 'alice@example.com',
      kind: 'hotp',
    })
  })

  it('unlocks a vault with its password and then lists its keys too', async () => {
    const { picker } = setup()
    const state = await picker.unlock(V2, 'battery staple')
    expect(state.keys.map((k) => k.issuer)).toEqual(['aws', 'Bank', 'Example', 'GitHub'])
  })

  it('passes a wrong password on as WRONG_PASSWORD and keeps the vault locked', async () => {
    const { picker } = setup()
    expect(isCairnError(await rejection(picker.unlock(V2, 'nope')), 'WRONG_PASSWORD')).toBe(true)
    expect(picker.state().vaults[1]?.unlocked).toBe(false)
  })
})

describe('picker service: copying (RFC 6238 SHA-1 vectors)', () => {
  it('copies the current code when five or more seconds remain', async () => {
    const { ports, picker } = setup()
    ports.clock = 1111111105_000 // 5 s left in the step of T = 1111111109
    const result = await picker.copy(V1, 'rfc')
    expect(ports.copied).toEqual(['07081804'])
    expect(result).toEqual({
      which: 'current',
      validUntil: 1111111110_000,
      clearsAt: 1111111135_000,
    })
  })

  it('copies the next code when fewer than five seconds remain', async () => {
    const { ports, picker } = setup()
    ports.clock = 1111111109_000 // 1 s left: the next step is T = 1111111111's
    const result = await picker.copy(V1, 'rfc')
    expect(ports.copied).toEqual(['14050471'])
    expect(result).toMatchObject({ which: 'next', validUntil: 1111111140_000 })
  })

  it('treats 4.999 s left as fewer than five', async () => {
    const { ports, picker } = setup()
    ports.clock = 1111111105_001
    expect((await picker.copy(V1, 'rfc')).which).toBe('next')
    expect(ports.copied).toEqual(['14050471'])
  })

  it('copies the code at 59 s of the RFC table as the next one (1 s left)', async () => {
    const { ports, picker } = setup()
    ports.clock = 59_000
    await picker.copy(V1, 'rfc')
    ports.clock = 31_000
    await picker.copy(V1, 'rfc')
    // T=59 is step 1 (94287082) with 1 s left, so step 2 is copied; at T=31 step 1 itself.
    expect(ports.copied[1]).toBe('94287082')
    expect(ports.copied[0]).not.toBe('94287082')
  })

  it('copies HOTP codes in counter order (RFC 4226 appendix D) and advances the counter', async () => {
    const { ports, picker } = setup()
    expect(await picker.copy(V1, 'hotp')).toEqual({
      which: 'hotp',
      validUntil: null,
      clearsAt: 30_000,
    })
    await picker.copy(V1, 'hotp')
    expect(ports.copied).toEqual(['755224', '287082'])
  })

  it('refuses a locked vault, a closed vault and a missing key', async () => {
    const { picker } = setup()
    expect(isCairnError(await rejection(picker.copy(V2, 'w')), 'LOCKED')).toBe(true)
    expect(isCairnError(await rejection(picker.copy(V9, 'w')), 'NOT_FOUND')).toBe(true)
    expect(isCairnError(await rejection(picker.copy(V1, 'nope')), 'NOT_FOUND')).toBe(true)
  })
})
