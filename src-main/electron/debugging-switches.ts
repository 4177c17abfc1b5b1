// Command-line switches that would let another program drive Cairn's renderer or main process
// (and so read unlocked vaults): a packaged build refuses to start with any of them.
const DEBUGGING_SWITCHES = [
  '--remote-debugging-port',
  '--remote-debugging-pipe',
  '--remote-debugging-address',
  '--inspect',
  '--inspect-brk',
  '--inspect-port',
]

export function debuggingRequested(argv: readonly string[]): boolean {
  return argv.some((arg) => DEBUGGING_SWITCHES.some((s) => arg === s || arg.startsWith(`${s}=`)))
}
