import { EventEmitter } from 'node:events'
import { describe, expect, it } from 'vitest'
import {
  PickerWindowController,
  type PickerWindowLike,
} from '../../../src-main/electron/windows/picker-window.ts'
import type { CairnEvent } from '../../../src-shared/ipc-contract.ts'

/** Stands in for a BrowserWindow: visibility and focus as the window manager would report them. */
class FakeWindow extends EventEmitter implements PickerWindowLike {
  visible = false
  focused = false
  destroyed = false
  sent: [string, CairnEvent][] = []
  webContents = {
    send: (channel: string, event: CairnEvent) => void this.sent.push([channel, event]),
  }
  isDestroyed() {
    return this.destroyed
  }
  isVisible() {
    return this.visible
  }
  isFocused() {
    return this.focused
  }
  show() {
    this.visible = true
  }
  hide() {
    this.visible = false
    this.focused = false
  }
  focus() {
    this.focused = true
  }
  blur() {
    this.focused = false
    this.emit('blur')
  }
  close() {
    this.destroyed = true
    this.visible = false
    this.emit('closed')
  }
}

function setup() {
  const created: FakeWindow[] = []
  const placed: FakeWindow[] = []
  const controller = new PickerWindowController(
    () => {
      const w = new FakeWindow()
      created.push(w)
      return w
    },
    'cairn:shell-event',
    (w) => placed.push(w),
  )
  return { controller, created, placed }
}

describe('picker window controller', () => {
  it('creates the window on first use, places, shows and focuses it and tells the page', () => {
    const { controller, created, placed } = setup()
    controller.toggle()
    expect(created).toHaveLength(1)
    const w = created[0] as FakeWindow
    expect(placed).toEqual([w])
    expect(w.visible && w.focused).toBe(true)
    expect(w.sent).toEqual([['cairn:shell-event', { type: 'picker-shown' }]])
  })

  it('hides on a second press while focused, and reuses the hidden window next time', () => {
    const { controller, created } = setup()
    controller.toggle()
    controller.toggle()
    const w = created[0] as FakeWindow
    expect(w.visible).toBe(false)
    controller.toggle()
    expect(created).toHaveLength(1)
    expect(w.visible).toBe(true)
    expect(w.sent).toHaveLength(2)
  })

  it('brings a visible but unfocused picker to the front instead of hiding it', () => {
    const { controller, created } = setup()
    controller.show()
    const w = created[0] as FakeWindow
    w.focused = false
    controller.toggle()
    expect(w.visible && w.focused).toBe(true)
  })

  it('hides when it loses focus', () => {
    const { controller, created } = setup()
    controller.show()
    ;(created[0] as FakeWindow).blur()
    expect((created[0] as FakeWindow).visible).toBe(false)
  })

  it('opens a new window after the old one was closed', () => {
    const { controller, created } = setup()
    controller.show()
    ;(created[0] as FakeWindow).close()
    expect(controller.window).toBeNull()
    controller.show()
    expect(created).toHaveLength(2)
    expect((created[1] as FakeWindow).visible).toBe(true)
  })
})
