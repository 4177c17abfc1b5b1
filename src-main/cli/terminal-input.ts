// Reading secrets from a person or a pipe. The prompt goes to stderr so stdout stays clean for
// scripts (`cairn code` prints only the code); typed characters are never echoed.
import { CancelledError, CliError } from './cli-error.ts'

const MAX_INPUT_BYTES = 64 * 1024

/** Reads one line from a terminal without echo. Ctrl-C cancels, Ctrl-U clears, Backspace erases. */
export function promptHidden(
  question: string,
  input: NodeJS.ReadStream,
  output: NodeJS.WriteStream = process.stderr,
): Promise<string> {
  if (!input.isTTY) {
    return Promise.reject(new CliError('cannot prompt: standard input is not a terminal'))
  }
  // Echo goes off before the prompt shows, so nothing typed after seeing it can be echoed.
  input.setRawMode(true)
  input.setEncoding('utf8')
  input.resume()
  output.write(question)
  return new Promise((resolve, reject) => {
    let chars: string[] = []
    let inEscape = false
    const finish = (result: () => void) => {
      input.off('data', onData)
      input.setRawMode(false)
      input.pause()
      output.write('\n')
      result()
    }
    const onData = (chunk: string) => {
      for (const char of chunk) {
        // Arrow keys and the like arrive as ESC [ … letter: drop the whole sequence.
        if (inEscape) {
          if (/[A-Za-z~]/.test(char)) inEscape = false
          continue
        }
        if (char === '\r' || char === '\n') return finish(() => resolve(chars.join('')))
        if (char === '\u0003') return finish(() => reject(new CancelledError()))
        if (char === '\u0004') {
          if (chars.length === 0) return finish(() => reject(new CancelledError()))
          continue
        }
        if (char === '\u001b') inEscape = true
        else if (char === '\u007f' || char === '\b') chars = chars.slice(0, -1)
        else if (char === '\u0015') chars = []
        else if (char >= ' ') chars.push(char)
      }
    }
    input.on('data', onData)
  })
}

/** All of standard input as text (for `cairn add VAULT -` and friends), capped at 64 KiB. */
export async function readAllStdin(input: NodeJS.ReadStream): Promise<string> {
  if (input.isTTY) throw new CliError('expected piped input on standard input, not a terminal')
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of input) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk))
    size += buffer.length
    if (size > MAX_INPUT_BYTES) throw new CliError('standard input is larger than 64 KiB')
    chunks.push(buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/** The first line of a text, without its line ending. */
export function firstLine(text: string): string {
  const end = text.search(/\r?\n/)
  return end === -1 ? text : text.slice(0, end)
}
