// Shows and hides the small always-on-top picker. The window is created on first use and then
// kept hidden between uses, so the hotkey brings it up at once; it hides itself when it loses
// focus (like a launcher) and after a copy. Creating it is the caller's job (window options,
// hardening, page URL), passed in as a factory.
import type { CairnEvent } from '../../../src-shared/ipc-contract.ts'

export interface PickerWindowLike {
  isDestroyed(): boolean
  isVisible(): boolean
  isFocused(): boolean
  show(): void
  hide(): void
  focus(): void
  on(event: 'blur' | 'closed', listener: () => void): unknown
  webContents: { send(channel: string, event: CairnEvent): void }
}

export class PickerWindowController<W extends PickerWindowLike> {
  readonly #create: () => W
  readonly #eventChannel: string
  readonly #place: (window: W) => void
  #window: W | null = null

  /**
   * @param place positions the window before it shows (the display under the pointer)
   */
  constructor(create: () => W, eventChannel: string, place: (window: W) => void = () => {}) {
    this.#create = create
    this.#eventChannel = eventChannel
    this.#place = place
  }

  get window(): W | null {
    return this.#window && !this.#window.isDestroyed() ? this.#window : null
  }

  /** The hotkey: show the picker, or hide it if it is already up and focused. */
  toggle(): void {
    const w = this.window
    if (w && w.isVisible() && w.isFocused()) this.hide()
    else this.show()
  }

  show(): void {
    const w = this.window ?? this.#open()
    this.#place(w)
    w.show()
    w.focus()
    // The page refreshes its list (vaults may have locked or unlocked since) and focuses the filter.
    w.webContents.send(this.#eventChannel, { type: 'picker-shown' })
  }

  hide(): void {
    const w = this.window
    if (w && w.isVisible()) w.hide()
  }

  #open(): W {
    const w = this.#create()
    w.on('blur', () => this.hide())
    w.on('closed', () => {
      if (this.#window === w) this.#window = null
    })
    this.#window = w
    return w
  }
}
