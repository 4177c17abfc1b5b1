// Text a command takes from standard input: piped (all of it), or typed and pasted in a terminal
// (lines until an empty line or Ctrl-D), for recovery codes and notes.
import { createInterface } from 'node:readline'
import { readAllStdin } from './terminal-input.ts'

export async function readTextInput(stdin: NodeJS.ReadStream, prompt: string): Promise<string> {
  if (!stdin.isTTY) return readAllStdin(stdin)
  process.stderr.write(`${prompt} (an empty line or Ctrl-D ends):\n`)
  const reader = createInterface({ input: stdin, terminal: false })
  const lines: string[] = []
  for await (const line of reader) {
    if (line === '') break
    lines.push(line)
  }
  reader.close()
  return lines.join('\n')
}
