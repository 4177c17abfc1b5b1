// Entry point of the `cairn` command (bin/cairn.js imports this file under Node's type stripping).
import { runCli } from './run-cli.ts'

process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  // `cairn list | head` closes the pipe early: that is not a failure.
  if (e.code === 'EPIPE') process.exit(0)
  throw e
})

const status = await runCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
  stdin: process.stdin,
  stdoutIsTerminal: process.stdout.isTTY === true,
  now: () => Date.now(),
  clip: async (text) => {
    const { clipAndTell } = await import('./clipboard/clip-with-clear.ts')
    clipAndTell(text, process.env, (line) => process.stderr.write(`${line}\n`))
  },
})
process.exitCode = status
