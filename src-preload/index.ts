import { contextBridge, ipcRenderer } from 'electron'
import { buildCairnApi, EVENT_CHANNEL, type CairnEvent } from '../src-shared/ipc-contract.ts'
import { exposeShellApi } from './shell-bridge.ts'

// Only the contract's named, typed calls cross the bridge; ipcRenderer itself never does.
const api = buildCairnApi(
  (channel, args) => ipcRenderer.invoke(channel, ...args),
  (listener) => {
    const forward = (_event: Electron.IpcRendererEvent, payload: CairnEvent) => listener(payload)
    ipcRenderer.on(EVENT_CHANNEL, forward)
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, forward)
    }
  },
)

contextBridge.exposeInMainWorld('cairn', api)

// The desktop shell's groups (picker, scanning, hotkey, lock) as window.cairnShell.
exposeShellApi(contextBridge, ipcRenderer)
