// Exposes the shell groups of the API (picker, scanning, hotkey, locking) as `window.cairnShell`.
// Like the vault API's bridge: only named calls and a listener registration cross; neither
// ipcRenderer nor an IPC event object ever reaches the page.
import type { ContextBridge, IpcRenderer, IpcRendererEvent } from 'electron'
import {
  buildShellApi,
  SHELL_EVENT_CHANNEL,
  type ShellEvent,
} from '../src-shared/shell-contract.ts'

export function exposeShellApi(contextBridge: ContextBridge, ipcRenderer: IpcRenderer): void {
  const api = buildShellApi(
    (channel, args) => ipcRenderer.invoke(channel, ...args),
    (listener) => {
      const forward = (_event: IpcRendererEvent, payload: ShellEvent) => listener(payload)
      ipcRenderer.on(SHELL_EVENT_CHANNEL, forward)
      return () => {
        ipcRenderer.removeListener(SHELL_EVENT_CHANNEL, forward)
      }
    },
  )
  contextBridge.exposeInMainWorld('cairnShell', api)
}
