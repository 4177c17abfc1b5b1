import { contextBridge, ipcRenderer } from 'electron'
import {
  buildCairnApi,
  EVENT_CHANNEL,
  windowRoleOfPath,
  type CairnEvent,
} from '../src-shared/ipc-contract.ts'

// Only the contract's named, typed calls cross the bridge; ipcRenderer itself never does. Each
// window gets the calls it uses (main checks the same list against the sending window).
const api = buildCairnApi(
  (channel, args) => ipcRenderer.invoke(channel, ...args),
  (listener) => {
    const forward = (_event: Electron.IpcRendererEvent, payload: CairnEvent) => listener(payload)
    ipcRenderer.on(EVENT_CHANNEL, forward)
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, forward)
    }
  },
  windowRoleOfPath(location.pathname) ?? 'main',
)

contextBridge.exposeInMainWorld('cairn', api)
