// KeePassXC's keyboard shortcuts, on the selected item: Ctrl+T code, Ctrl+C password, Ctrl+B
// username, Ctrl+F search, Ctrl+L lock; plus Ctrl+N new login and Ctrl+E edit. Ctrl+C copies the
// password only when no text is selected and no text field has focus, so ordinary copying works.
import { useEffect, useEffectEvent } from 'react'
import type { MenuCommand } from '../../../src-shared/ipc-contract.ts'

export interface ShortcutHandlers {
  copyCode(): void
  copyPassword(): void
  copyUsername(): void
  focusSearch(): void
  lock(): void
  newLogin(): void
  edit(): void
  moveToGroup(): void
}

function typingInField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (target.isContentEditable) return true
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true
  if (target instanceof HTMLInputElement) {
    return !['checkbox', 'radio', 'button', 'submit', 'range'].includes(target.type)
  }
  return false
}

export function useShortcuts(handlers: ShortcutHandlers, enabled: boolean): void {
  const onKey = useEffectEvent((e: KeyboardEvent) => {
    if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return
    // A modal dialog owns the keyboard.
    if (document.querySelector('dialog[open]')) return
    const h = handlers
    const key = e.key.toLowerCase()
    const inField = typingInField(e.target)
    const run = (fn: () => void) => {
      e.preventDefault()
      fn()
    }
    if (key === 'f') return run(h.focusSearch)
    if (key === 'l') return run(h.lock)
    if (key === 't') return run(h.copyCode)
    if (key === 'b') return run(h.copyUsername)
    if (key === 'n') return run(h.newLogin)
    if (key === 'e') return run(h.edit)
    if (key === 'g' && !inField) return run(h.moveToGroup)
    if (key === 'c') {
      const selection = window.getSelection()?.toString() ?? ''
      const searchFocused = e.target instanceof HTMLInputElement && e.target.type === 'search'
      const fieldSelection =
        e.target instanceof HTMLInputElement && e.target.selectionStart !== e.target.selectionEnd
      if (selection || fieldSelection || (inField && !searchFocused)) return
      return run(h.copyPassword)
    }
  })

  useEffect(() => {
    if (!enabled) return
    const listener = (e: KeyboardEvent) => onKey(e)
    window.addEventListener('keydown', listener)
    return () => window.removeEventListener('keydown', listener)
  }, [enabled])

  // On macOS the application menu takes ⌘T/⌘C/⌘B/⌘F before the page sees the key, and forwards
  // them as menu commands (Electron only; the browser harness has no shell menu).
  const onMenu = useEffectEvent((command: MenuCommand) => {
    if (document.querySelector('dialog[open]')) return
    if (command === 'copy-code') handlers.copyCode()
    else if (command === 'copy-password') handlers.copyPassword()
    else if (command === 'copy-username') handlers.copyUsername()
    else if (command === 'search') handlers.focusSearch()
    else if (command === 'move-to-group') handlers.moveToGroup()
  })

  useEffect(() => {
    if (!enabled) return
    return window.cairn.events.subscribe((event) => {
      if (event.type === 'menu-command') onMenu(event.command)
    })
  }, [enabled])
}
