// The one declaration of every IPC channel: main registers handlers from it, preload exposes it,
// the renderer calls it. Argument validation lives in main (src-main/electron/ipc).

export const IPC_CHANNELS = {
  appInfo: 'cairn:app-info',
} as const

export type IpcChannel = (typeof IPC_CHANNELS)[keyof typeof IPC_CHANNELS]

export interface AppInfo {
  name: string
  version: string
}

/** What the renderer sees as `window.cairn`. */
export interface CairnApi {
  appInfo(): Promise<AppInfo>
}
