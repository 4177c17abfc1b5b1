import { contextBridge, ipcRenderer } from 'electron'
import { IPC_CHANNELS, type CairnApi } from '../src-shared/ipc-contract.ts'
import { exposeShellApi } from './shell-bridge.ts'

// Only named, typed calls cross the bridge; ipcRenderer itself never does.
const api: CairnApi = {
  appInfo: () => ipcRenderer.invoke(IPC_CHANNELS.appInfo),
}

contextBridge.exposeInMainWorld('cairn', api)

// The desktop shell's groups (picker, scanning, hotkey, lock) as window.cairnShell.
exposeShellApi(contextBridge, ipcRenderer)
