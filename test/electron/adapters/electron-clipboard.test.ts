import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ClipboardGuard } from '../../../src-main/services/clipboard-guard.ts'
import type { ClipboardPort } from '../../../src-main/services/clipboard-port.ts'
import {
  ElectronClipboard,
  osFormat,
  secretMarkers,
  type ClipboardPayload,
  type ElectronClipboardLike,
} from '../../../src-main/electron/adapters/electron-clipboard.ts'

/** Stands in for Electron's ClipboardItem: one entry with several MIME-typed payloads. */
class FakeClipboardItem {
  readonly formats: Record<string, ClipboardPayload>
  constructor(formats: Record<string, ClipboardPayload>) {
    this.formats = formats
  }
}

/** Stands in for one OS clipboard behind Electron's clipboard module. */
class FakeBoard implements ElectronClipboardLike<FakeClipboardItem> {
  item: FakeClipboardItem | null = null
  writes = 0
  async write(items: FakeClipboardItem[]): Promise<void> {
    this.writes++
    this.item = items[0] ?? null
  }
  async readText(): Promise<string> {
    const text = this.item?.formats['text/plain']
    return typeof text === 'string' ? text : ''
  }
  clear(): void {
    this.item = null
  }
  /** Another application (or a text selection) puts its own text there. */
  userCopies(text: string): void {
    this.item = new FakeClipboardItem({ 'text/plain': text })
  }
}

function linuxClipboard(seconds = 30) {
  const main = new FakeBoard()
  const selection = new FakeBoard()
  const port = new ElectronClipboard({
    clipboard: Object.assign(main, { selection }),
    ClipboardItem: FakeClipboardItem,
    platform: 'linux',
    clearAfterSeconds: () => seconds,
  })
  return { main, selection, port }
}

async function bytes(payload: ClipboardPayload | undefined): Promise<number[]> {
  if (!(payload instanceof Blob)) throw new Error('expected a Blob payload')
  return [...new Uint8Array(await payload.arrayBuffer())]
}

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('secret markers', () => {
  it('marks a secret for KDE and other Linux clipboard managers', () => {
    expect(secretMarkers('linux', 'x')).toEqual({
      'electron application/osclipboard;format="x-kde-passwordManagerHint"': 'secret',
    })
  })

  it('keeps a secret out of Windows clipboard history and cloud sync', async () => {
    const markers = secretMarkers('win32', 'x')
    expect(Object.keys(markers).sort()).toEqual(
      [
        osFormat('CanIncludeInClipboardHistory'),
        osFormat('CanUploadToCloudClipboard'),
        osFormat('ExcludeClipboardContentFromMonitorProcessing'),
      ].sort(),
    )
    expect(await bytes(markers[osFormat('CanIncludeInClipboardHistory')])).toEqual([0, 0, 0, 0])
    expect(await bytes(markers[osFormat('CanUploadToCloudClipboard')])).toEqual([0, 0, 0, 0])
  })

  it('conceals a secret from macOS pasteboard managers', () => {
    expect(secretMarkers('darwin', '123456')).toEqual({
      [osFormat('org.nspasteboard.ConcealedType')]: '123456',
    })
  })
})

describe('Electron clipboard port', () => {
  it('writes a secret with its marker to the clipboard and to the Linux selection', async () => {
    const { main, selection, port } = linuxClipboard()
    await port.writeText('hunter2', { secret: true })
    for (const board of [main, selection]) {
      expect(board.item?.formats).toEqual({
        'text/plain': 'hunter2',
        [osFormat('x-kde-passwordManagerHint')]: 'secret',
      })
    }
    expect(await port.readText()).toBe('hunter2')
  })

  it('writes plain text without the marker', async () => {
    const { main, port } = linuxClipboard()
    await port.writeText('alice@example.com', { secret: false })
    expect(main.item?.formats).toEqual({ 'text/plain': 'alice@example.com' })
  })

  it('works where there is no selection clipboard (macOS, Windows)', async () => {
    const main = new FakeBoard()
    const port = new ElectronClipboard({
      clipboard: main,
      ClipboardItem: FakeClipboardItem,
      platform: 'win32',
      clearAfterSeconds: () => 30,
    })
    await port.writeText('123456', { secret: true })
    expect(main.item?.formats['text/plain']).toBe('123456')
    await port.clear()
    expect(main.item).toBeNull()
  })

  it('clear() empties the clipboard and the selection while it still holds our secret', async () => {
    const { main, selection, port } = linuxClipboard()
    await port.writeText('hunter2', { secret: true })
    await port.clear()
    expect(main.item).toBeNull()
    expect(selection.item).toBeNull()
  })

  it('leaves a selection the user has changed since', async () => {
    const { selection, port } = linuxClipboard()
    await port.writeText('hunter2', { secret: true })
    selection.userCopies('some selected words')
    await port.clear()
    expect(await selection.readText()).toBe('some selected words')
  })

  it('clears the selection copy on its own after the timeout, if unchanged', async () => {
    const { selection, main, port } = linuxClipboard(30)
    await port.writeText('hunter2', { secret: true })
    // The guard leaves the clipboard alone because the user copied something else there...
    main.userCopies('user text')
    await vi.advanceTimersByTimeAsync(29_000)
    expect(await selection.readText()).toBe('hunter2')
    // ...but the selection still held the secret, and goes when its time is up.
    await vi.advanceTimersByTimeAsync(1_000)
    expect(selection.item).toBeNull()
    expect(await main.readText()).toBe('user text')
  })

  it('does not clear the selection on a timer when clearing is off', async () => {
    const { selection, port } = linuxClipboard(0)
    await port.writeText('hunter2', { secret: true })
    await vi.advanceTimersByTimeAsync(24 * 3600_000)
    expect(await selection.readText()).toBe('hunter2')
    expect(await port.clearSelectionIfOurs()).toBe(true)
    expect(selection.item).toBeNull()
  })

  it('a newer copy restarts the selection timer and an older secret is not cleared twice', async () => {
    const { selection, port } = linuxClipboard(30)
    await port.writeText('first', { secret: true })
    await vi.advanceTimersByTimeAsync(20_000)
    await port.writeText('second', { secret: true })
    await vi.advanceTimersByTimeAsync(20_000)
    expect(await selection.readText()).toBe('second')
    await vi.advanceTimersByTimeAsync(10_000)
    expect(selection.item).toBeNull()
    expect(await port.clearSelectionIfOurs()).toBe(false)
  })
})

describe('Electron clipboard port under the services’ clipboard guard', () => {
  function guarded(seconds = 30) {
    const { main, selection, port } = linuxClipboard(seconds)
    // The port must satisfy the services' interface as it is.
    const servicesPort: ClipboardPort = port
    const guard = new ClipboardGuard({ port: servicesPort, clearAfterSeconds: () => seconds })
    return { main, selection, guard }
  }

  it('clears the clipboard and the selection when the time is up, if unchanged', async () => {
    const { main, selection, guard } = guarded(30)
    await guard.copy('123456')
    expect(main.item?.formats[osFormat('x-kde-passwordManagerHint')]).toBe('secret')
    await vi.advanceTimersByTimeAsync(30_000)
    expect(main.item).toBeNull()
    expect(selection.item).toBeNull()
  })

  it('leaves what the user copied since, and still clears the selection copy', async () => {
    const { main, selection, guard } = guarded(30)
    await guard.copy('123456')
    main.userCopies('their own text')
    await vi.advanceTimersByTimeAsync(30_000)
    expect(await main.readText()).toBe('their own text')
    expect(selection.item).toBeNull()
  })

  it('clears at once on lock (clearIfOurs), both boards', async () => {
    const { main, selection, guard } = guarded(30)
    await guard.copy('123456')
    expect(await guard.clearIfOurs()).toBe(true)
    expect(main.item).toBeNull()
    expect(selection.item).toBeNull()
  })
})
