// The `cairn` launcher that detached helpers (the agent, the clipboard clearer) start with,
// resolved at call time from this file's place in the source tree. Written so that bundlers do
// not take it for an asset: the desktop app's bundle carries the command code for answering the
// command line but never starts these helpers.
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export function cliEntry(): string {
  // Inside Electron, process.execPath is the app itself: it would start a second app.
  if (process.versions['electron']) throw new Error('the cairn launcher cannot run inside the app')
  return join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'cairn.js')
}
