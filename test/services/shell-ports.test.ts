import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { EVENT_CHANNEL } from '../../src-shared/ipc-contract.ts'
import { pickerPorts, shellPorts } from '../../src-main/services/shell-ports.ts'
import { servicesInTempDir, type Harness } from './service-fixtures.ts'

let h: Harness
beforeEach(() => {
  h = servicesInTempDir()
})
afterEach(() => h.cleanup())

describe('shell ports', () => {
  it('serves the picker, locking, the clipboard guard and settings from the same services', async () => {
    const ports = { ...shellPorts(h.services), picker: pickerPorts(h.services) }
    const sent: [string, unknown][] = []
    const undo = ports.forwardEvents((channel, event) => sent.push([channel, event]))

    const v = await h.services.sessions.create(h.path('K.cairn'), '2FA keys', 'pw')
    const otp = h.services.items.create(v.id, {
      kind: 'otp',
      title: '',
      issuer: 'GitHub',
      account: 'ada',
      notes: '',
      tags: [],
      key: {
        from: 'uri',
        uri: 'otpauth://hotp/x?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&counter=0',
      },
    })
    h.services.items.create(v.id, { kind: 'note', title: 'n', tags: [], body: 'b' })

    expect(ports.picker.listVaults()).toEqual([{ id: v.id, name: '2FA keys', state: 'unlocked' }])
    const keys = ports.picker.listOtpItems(v.id)
    expect(keys.map((k) => [k.itemId, k.title, k.key.issuer, k.key.counter])).toEqual([
      [otp.id, 'GitHub', 'GitHub', 0],
    ])
    expect(ports.picker.codeToCopy(v.id, otp.id)).toEqual({
      which: 'hotp',
      code: '755224',
      counter: 0,
    }) // RFC 4226
    expect(ports.picker.listOtpItems(v.id)[0]?.key.counter).toBe(1)

    await ports.picker.copy('755224')
    expect(await h.clipboard.readText()).toBe('755224')
    expect(ports.settings().clipboardClearSeconds).toBe(30)
    h.services.settings.update({ autoLockMinutes: 3 })
    expect(ports.settings().autoLockMinutes).toBe(3)

    ports.lockAllVaults()
    expect(ports.picker.listVaults()[0]?.state).toBe('locked')
    await ports.picker.unlock(v.id, 'pw')
    expect(ports.picker.listVaults()[0]?.state).toBe('unlocked')
    expect(await ports.clearClipboardIfOurs()).toBe(false) // locking already cleared it

    expect(sent.length).toBeGreaterThan(3)
    expect(sent.every(([channel]) => channel === EVENT_CHANNEL)).toBe(true)
    expect(sent).toContainEqual([EVENT_CHANNEL, { type: 'vaults-changed' }])
    undo()
  })
})
