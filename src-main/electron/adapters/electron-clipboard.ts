// The services' ClipboardPort on Electron 45's clipboard (main process only, asynchronous, W3C
// style ClipboardItems). A secret is written together with the markers clipboard managers honour:
//   Linux (KDE Klipper and others): x-kde-passwordManagerHint = "secret"
//   Windows: ExcludeClipboardContentFromMonitorProcessing (any data keeps it out of clipboard
//            history and cloud sync), plus CanIncludeInClipboardHistory / CanUploadToCloudClipboard
//            set to DWORD 0 for monitors that only look at those
//   macOS:   org.nspasteboard.ConcealedType (nspasteboard.org convention)
// Raw OS formats travel as Electron's `electron application/osclipboard;format="<name>"` type.
// On Linux the text also goes to the primary selection (middle-click paste). The guard in the
// services only watches the clipboard, so the selection copy gets its own timer here: it is
// cleared on the same schedule, with the clipboard, and on lock/quit, if it still holds what
// Cairn put there.
import { createHash, timingSafeEqual } from 'node:crypto'
import type { ClipboardPort } from '../../services/clipboard-port.ts'

export type ClipboardPayload = string | Blob

/** Electron's ClipboardItem constructor, as far as this adapter uses it. */
export type ClipboardItemConstructor<Item> = new (items: Record<string, ClipboardPayload>) => Item

/** One of Electron's clipboards (the system clipboard or Linux's selection). */
export interface ElectronClipboardLike<Item> {
  write(items: Item[]): Promise<void>
  readText(): Promise<string>
  clear(): void
}

export interface ElectronClipboardModule<Item> extends ElectronClipboardLike<Item> {
  /** Linux only; undefined elsewhere. */
  readonly selection?: ElectronClipboardLike<Item> | undefined
}

export function osFormat(name: string): string {
  return `electron application/osclipboard;format="${name}"`
}

const DWORD_ZERO = () => new Blob([new Uint8Array(4)])

/** The extra formats that mark clipboard content as a secret on `platform`. */
export function secretMarkers(
  platform: NodeJS.Platform,
  text: string,
): Record<string, ClipboardPayload> {
  switch (platform) {
    case 'linux':
    case 'freebsd':
    case 'openbsd':
      return { [osFormat('x-kde-passwordManagerHint')]: 'secret' }
    case 'win32':
      return {
        [osFormat('ExcludeClipboardContentFromMonitorProcessing')]: new Blob([new Uint8Array(1)]),
        [osFormat('CanIncludeInClipboardHistory')]: DWORD_ZERO(),
        [osFormat('CanUploadToCloudClipboard')]: DWORD_ZERO(),
      }
    case 'darwin':
      return { [osFormat('org.nspasteboard.ConcealedType')]: text }
    default:
      return {}
  }
}

function fingerprint(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest()
}

export interface ElectronClipboardOptions<Item> {
  clipboard: ElectronClipboardModule<Item>
  ClipboardItem: ClipboardItemConstructor<Item>
  platform: NodeJS.Platform
  /** The same setting the clipboard guard reads; 0 = never. */
  clearAfterSeconds: () => number
}

export class ElectronClipboard<Item> implements ClipboardPort {
  readonly #clipboard: ElectronClipboardModule<Item>
  readonly #Item: ClipboardItemConstructor<Item>
  readonly #platform: NodeJS.Platform
  readonly #clearAfterSeconds: () => number
  // Only a hash: no extra copy of the secret stays in memory.
  #selectionWritten: Buffer | null = null
  #selectionTimer: ReturnType<typeof setTimeout> | null = null

  constructor(options: ElectronClipboardOptions<Item>) {
    this.#clipboard = options.clipboard
    this.#Item = options.ClipboardItem
    this.#platform = options.platform
    this.#clearAfterSeconds = options.clearAfterSeconds
  }

  async writeText(text: string, options: { secret: boolean }): Promise<void> {
    const formats: Record<string, ClipboardPayload> = {
      'text/plain': text,
      ...(options.secret ? secretMarkers(this.#platform, text) : {}),
    }
    await this.#clipboard.write([new this.#Item(formats)])
    const selection = this.#clipboard.selection
    if (!selection) return
    this.#cancelSelectionTimer()
    await selection.write([new this.#Item(formats)])
    if (!options.secret) {
      this.#selectionWritten = null
      return
    }
    this.#selectionWritten = fingerprint(text)
    const seconds = this.#clearAfterSeconds()
    if (seconds > 0) {
      this.#selectionTimer = setTimeout(() => void this.clearSelectionIfOurs(), seconds * 1000)
      this.#selectionTimer.unref?.()
    }
  }

  async readText(): Promise<string> {
    return this.#clipboard.readText()
  }

  /** Clears the clipboard, and the selection if it still holds the secret Cairn wrote there. */
  async clear(): Promise<void> {
    this.#clipboard.clear()
    await this.clearSelectionIfOurs()
  }

  /** For lock and quit, and the selection's own timer. Resolves true when it cleared. */
  async clearSelectionIfOurs(): Promise<boolean> {
    this.#cancelSelectionTimer()
    const selection = this.#clipboard.selection
    const written = this.#selectionWritten
    this.#selectionWritten = null
    if (!selection || !written) return false
    const current = fingerprint(await selection.readText())
    if (!timingSafeEqual(current, written)) return false
    selection.clear()
    return true
  }

  #cancelSelectionTimer(): void {
    if (this.#selectionTimer !== null) clearTimeout(this.#selectionTimer)
    this.#selectionTimer = null
  }
}
