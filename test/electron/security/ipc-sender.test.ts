import { describe, expect, it } from 'vitest'
import {
  isTrustedSender,
  TrackedWindows,
  type IpcSenderEvent,
  type SenderFrame,
} from '../../../src-main/electron/security/ipc-sender.ts'
import { trustedOrigins } from '../../../src-main/electron/security/trusted-origins.ts'

function frame(
  url: string,
  ids: { processId: number; routingId: number },
  parent: SenderFrame | null = null,
): SenderFrame {
  return { url, parent, ...ids }
}

const MAIN = { processId: 7, routingId: 1 }
const origins = trustedOrigins({ packaged: true })

function event(senderFrame: SenderFrame | null, contentsId = 3): IpcSenderEvent {
  return { sender: { id: contentsId, mainFrame: MAIN }, senderFrame }
}

function windows(...ids: number[]): TrackedWindows {
  const w = new TrackedWindows()
  for (const id of ids) w.add(id, 'main')
  return w
}

describe('IPC sender check', () => {
  it('accepts the main frame of one of our windows showing our page', () => {
    expect(
      isTrustedSender(event(frame('cairn-app://app/index.html', MAIN)), windows(3), origins),
    ).toBe(true)
    expect(
      isTrustedSender(event(frame('cairn-app://app/picker.html#x', MAIN)), windows(3), origins),
    ).toBe(true)
  })

  it('refuses a sender whose frame is gone', () => {
    expect(isTrustedSender(event(null), windows(3), origins)).toBe(false)
  })

  it('refuses a subframe, even one on our own origin', () => {
    const top = frame('cairn-app://app/index.html', MAIN)
    const child = frame('cairn-app://app/index.html', { processId: 7, routingId: 2 }, top)
    expect(isTrustedSender(event(child), windows(3), origins)).toBe(false)
  })

  it('refuses a top-level frame that is not the main frame of the sending contents', () => {
    const other = frame('cairn-app://app/index.html', { processId: 9, routingId: 1 })
    expect(isTrustedSender(event(other), windows(3), origins)).toBe(false)
  })

  it.each([
    'https://example.com/',
    'file:///home/user/evil.html',
    'cairn-app://evil/index.html',
    'http://localhost:5173/',
    'about:blank',
    'devtools://devtools/bundled/inspector.html',
  ])('refuses a page from %s', (url) => {
    expect(isTrustedSender(event(frame(url, MAIN)), windows(3), origins)).toBe(false)
  })

  it('refuses contents that are not (or no longer) one of our windows', () => {
    const tracked = windows(3)
    const ours = frame('cairn-app://app/index.html', MAIN)
    expect(isTrustedSender(event(ours, 4), tracked, origins)).toBe(false)
    tracked.delete(3)
    expect(isTrustedSender(event(ours, 3), tracked, origins)).toBe(false)
  })
})
