// The pick list a terminal gets when a query matches several items: numbered names on stderr,
// and a line to type a number or more letters that narrow the list. Nothing goes to stdout, so
// `cairn code VAULT goo | …` still carries only the code.
import { createInterface } from 'node:readline/promises'
import { CancelledError } from './cli-error.ts'
import { printable } from './terminal-text.ts'

export interface PickChoice {
  id: string
  name: string
}

const SHOWN = 20

export async function pickFromList(
  choices: readonly PickChoice[],
  input: NodeJS.ReadStream,
  output: NodeJS.WriteStream = process.stderr,
): Promise<string> {
  const reader = createInterface({ input, output, terminal: true })
  const onSigint = () => reader.close()
  reader.on('SIGINT', onSigint)
  let shown = [...choices]
  try {
    for (;;) {
      output.write(`${shown.length} items match:\n`)
      shown.slice(0, SHOWN).forEach((c, i) => {
        output.write(`  ${String(i + 1).padStart(2)}  ${printable(c.name)} [${c.id.slice(0, 8)}]\n`)
      })
      if (shown.length > SHOWN) output.write(`  … and ${shown.length - SHOWN} more\n`)
      let answer: string
      try {
        answer = (await reader.question('Number, or letters to narrow (empty to cancel): ')).trim()
      } catch {
        throw new CancelledError()
      }
      if (answer === '') throw new CancelledError()
      const n = /^\d+$/.test(answer) ? Number(answer) : NaN
      const picked = shown[n - 1]
      if (picked && n <= SHOWN) return picked.id
      const narrowed = choices.filter((c) => c.name.toLowerCase().includes(answer.toLowerCase()))
      if (narrowed.length === 1 && narrowed[0]) return narrowed[0].id
      if (narrowed.length === 0) output.write(`nothing matches '${printable(answer)}'\n`)
      else shown = narrowed
    }
  } finally {
    reader.off('SIGINT', onSigint)
    reader.close()
  }
}
