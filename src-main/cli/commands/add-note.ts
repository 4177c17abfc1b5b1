import type { NoteData } from '../../core/vault/item-types.ts'
import { CliError, UsageError } from '../cli-error.ts'
import type { CliCommand } from '../cli-types.ts'
import { shortId, summaryJson } from '../item-display.ts'
import { printable, terminalJson } from '../terminal-text.ts'
import { readTextInput } from '../text-input.ts'
import { addGrouped, GROUP_OPTION, withGroupOption } from '../group-option.ts'
import { withUnlockedVault } from '../vault-access.ts'

export const addNoteCommand: CliCommand = {
  usage: 'VAULT --title TITLE [--tag TAG]... [--group PATH] [--json]   (text on standard input)',
  details: 'The note’s text comes from standard input, or is typed in a terminal.',
  options: {
    title: { type: 'string', valueName: 'TITLE', description: 'the note’s title (required)' },
    tag: { type: 'string', multiple: true, valueName: 'TAG', description: 'a tag (repeatable)' },
    group: GROUP_OPTION,
    json: { type: 'boolean', description: 'print the new item as JSON (without its text)' },
  },
  unlocks: true,
  agent: { readsStdin: () => true },
  positionals: { min: 1, max: 1 },
  async run(context) {
    const { io, positionals, values } = context
    const title = typeof values.title === 'string' ? values.title.trim() : ''
    if (title === '') throw new UsageError('add-note needs --title TITLE')
    const body = (await readTextInput(io.stdin, 'Type or paste the note')).replace(/\r\n/g, '\n')
    if (body.trim() === '') throw new CliError('the note is empty; nothing was added')
    const data: NoteData = withGroupOption(
      {
        type: 'note',
        title,
        body: body.replace(/\n$/, ''),
        tags: Array.isArray(values.tag) ? values.tag.map(String) : [],
      } satisfies NoteData,
      values.group,
    )
    const added = await withUnlockedVault(context, positionals[0] as string, (v) =>
      addGrouped(v, data),
    )
    if (values.json) io.out(terminalJson(summaryJson(added)))
    else io.out(`Added secure note '${printable(title)}' [${shortId(added.id)}]`)
  },
}
