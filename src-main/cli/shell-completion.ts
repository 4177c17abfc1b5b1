// Completion scripts for bash, zsh (through bashcompinit) and fish, generated from the command
// list so they never drift from it. Item names come from `cairn completion names VAULT`, which
// only the agent answers: completing never asks for a password or decrypts the file itself.
import { COMMANDS } from './commands/index.ts'
import { CREDENTIAL_OPTIONS } from './credential-options.ts'

export type CompletionShell = 'bash' | 'zsh' | 'fish'

interface CommandShape {
  name: string
  summary: string
  options: string[]
  itemQuery: boolean
}

async function shapes(): Promise<CommandShape[]> {
  return Promise.all(
    COMMANDS.map(async (entry) => {
      const command = await entry.load()
      const options = Object.keys({
        ...(command.unlocks ? CREDENTIAL_OPTIONS : {}),
        ...command.options,
        help: null,
      }).map((o) => `--${o}`)
      // Item commands take VAULT then QUERY: QUERY completes with the agent's item names.
      return {
        name: entry.name,
        summary: entry.summary,
        options,
        itemQuery: entry.viaAgent === true && command.positionals.max >= 2,
      }
    }),
  )
}

const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`

function bash(commands: CommandShape[]): string[] {
  const names = commands.map((c) => c.name).join(' ')
  const itemCommands = commands.filter((c) => c.itemQuery).map((c) => c.name)
  return [
    '# cairn completion for bash (and zsh through bashcompinit)',
    '_cairn() {',
    '  local cur="${COMP_WORDS[COMP_CWORD]}" cmd="${COMP_WORDS[1]}" opts=""',
    '  if [ "$COMP_CWORD" -eq 1 ]; then',
    `    COMPREPLY=($(compgen -W ${quote(names)} -- "$cur"))`,
    '    return',
    '  fi',
    '  case "$cmd" in',
    ...commands.map((c) => `    ${c.name}) opts=${quote(c.options.join(' '))} ;;`),
    '  esac',
    '  if [[ "$cur" == -* ]]; then',
    '    COMPREPLY=($(compgen -W "$opts" -- "$cur"))',
    '    return',
    '  fi',
    '  case "$cmd" in',
    `    ${itemCommands.join('|')})`,
    '      if [ "$COMP_CWORD" -eq 3 ]; then',
    "        local IFS=$'\\n'",
    '        COMPREPLY=($(compgen -W "$(cairn completion names "${COMP_WORDS[2]}" 2>/dev/null)" -- "$cur"))',
    '        return',
    '      fi',
    '      ;;',
    '  esac',
    '  COMPREPLY=($(compgen -f -- "$cur"))',
    '}',
    'complete -o filenames -F _cairn cairn',
  ]
}

function zsh(commands: CommandShape[]): string[] {
  return [
    '# cairn completion for zsh',
    'autoload -U +X bashcompinit && bashcompinit',
    ...bash(commands).slice(1),
  ]
}

function fish(commands: CommandShape[]): string[] {
  const names = commands.map((c) => c.name).join(' ')
  const itemCommands = commands.filter((c) => c.itemQuery).map((c) => c.name)
  const lines = ['# cairn completion for fish', 'complete -c cairn -f']
  for (const c of commands) {
    lines.push(
      `complete -c cairn -n ${quote(`not __fish_seen_subcommand_from ${names}`)} -a ${c.name} -d ${quote(c.summary)}`,
    )
    for (const option of c.options) {
      lines.push(
        `complete -c cairn -n ${quote(`__fish_seen_subcommand_from ${c.name}`)} -l ${option.slice(2)}`,
      )
    }
  }
  lines.push(
    `complete -c cairn -n ${quote(`__fish_seen_subcommand_from ${names}; and test (count (commandline -opc)) -eq 2`)} -F`,
    `complete -c cairn -n ${quote(`__fish_seen_subcommand_from ${itemCommands.join(' ')}; and test (count (commandline -opc)) -eq 3`)} -a ${quote('(cairn completion names (commandline -opc)[3] 2>/dev/null)')}`,
  )
  return lines
}

export async function completionScript(shell: CompletionShell): Promise<string[]> {
  const commands = await shapes()
  switch (shell) {
    case 'bash':
      return bash(commands)
    case 'zsh':
      return zsh(commands)
    case 'fish':
      return fish(commands)
  }
}
