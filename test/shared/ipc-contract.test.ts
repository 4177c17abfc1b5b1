// Which calls each window gets: every channel belongs to some window, the picker and scan windows
// get only the few they use, and the API object built for a window holds nothing else.
import { describe, expect, it } from 'vitest'
import {
  API,
  apiChannels,
  buildCairnApi,
  channelsOf,
  windowRoleOfPath,
} from '../../src-shared/ipc-contract.ts'

describe('window calls', () => {
  it('gives every channel to some window, the picker and scan windows only theirs', () => {
    const all = apiChannels().map((c) => c.channel)
    const given = new Set([...channelsOf('main'), ...channelsOf('picker'), ...channelsOf('scan')])
    expect([...given].sort()).toEqual([...all].sort())
    expect([...channelsOf('picker')].sort()).toEqual(Object.values(API.picker).sort())
    expect(channelsOf('scan')).toEqual(
      new Set([
        API.shell.scanScreen,
        API.shell.scanClipboardImage,
        API.shell.scanImageFile,
        API.vaults.list,
        API.items.create,
      ]),
    )
    expect(channelsOf('main').has(API.picker.copy)).toBe(false)
  })

  it('builds each window an API with only its calls', async () => {
    const invoked: string[] = []
    const picker = buildCairnApi(
      async (channel) => (invoked.push(channel), { ok: true, value: null }),
      () => () => {},
      'picker',
    )
    expect(Object.keys(picker).sort()).toEqual(['events', 'picker'])
    await picker.picker.state()
    expect(invoked).toEqual([API.picker.state])
    const scan = buildCairnApi(
      async () => null,
      () => () => {},
      'scan',
    )
    expect(Object.keys(scan.vaults)).toEqual(['list'])
    expect(Object.keys(scan.items)).toEqual(['create'])
  })

  it('tells the window by its page', () => {
    expect(windowRoleOfPath('/')).toBe('main')
    expect(windowRoleOfPath('/index.html')).toBe('main')
    expect(windowRoleOfPath('/picker.html')).toBe('picker')
    expect(windowRoleOfPath('/scan.html')).toBe('scan')
    expect(windowRoleOfPath('/other.html')).toBeNull()
  })
})
