// The stand-in as an ES module named `electron`: what the built main bundle imports
// (`import { app, BrowserWindow, … } from "electron"`) when register-electron-stand-in.ts
// resolves `electron` here.
import { electronModule } from './fake-electron.ts'

export const {
  app,
  BrowserWindow,
  ClipboardItem,
  Menu,
  Tray,
  clipboard,
  desktopCapturer,
  dialog,
  globalShortcut,
  ipcMain,
  nativeImage,
  powerMonitor,
  protocol,
  screen,
  session,
  systemPreferences,
} = electronModule
export default electronModule
