import { contextBridge, ipcRenderer, webUtils } from 'electron'
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

// Not a call into main: where a dropped or chosen file is on disk, which only Electron knows. The
// import dialog hands it to main so that main can delete the plain export it read, and main
// deletes it only while it holds exactly the bytes that were imported.
if ((windowRoleOfPath(location.pathname) ?? 'main') === 'main') {
  contextBridge.exposeInMainWorld('cairnFiles', {
    pathOf: (file: File): string | null => {
      try {
        return webUtils.getPathForFile(file) || null
      } catch {
        return null
      }
    },
  })
}
