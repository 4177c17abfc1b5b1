// The `cairn` launcher that detached helpers (the agent, the clipboard clearer) start with,
// resolved at call time from this file's place in the source tree. Written so that bundlers do
// not take it for an asset: the desktop app's bundle carries the command code for answering the
// command line but never starts these helpers.
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export function cliEntry(): string {
  return join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'cairn.js')
}
