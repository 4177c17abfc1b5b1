import { contextBridge, ipcRenderer } from 'electron'
import { IPC_CHANNELS, type CairnApi } from '../src-shared/ipc-contract.ts'

// Only named, typed calls cross the bridge; ipcRenderer itself never does.
const api: CairnApi = {
  appInfo: () => ipcRenderer.invoke(IPC_CHANNELS.appInfo),
}

contextBridge.exposeInMainWorld('cairn', api)
