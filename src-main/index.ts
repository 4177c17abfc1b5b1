// Cairn's Electron main process. Everything is set up in src-main/electron/shell-main.ts.
import { startCairn } from './electron/shell-main.ts'

startCairn()
