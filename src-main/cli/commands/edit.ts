import { resolve } from 'node:path'
import { normalizeOtpKey } from '../../core/otp/otp-key.ts'
import type { ItemData } from '../../core/vault/item-types.ts'
import { MAX_PASSWORD_HISTORY } from '../../services/item-input.ts'
import { CliError, UsageError } from '../cli-error.ts'
import type { CliCommand, CommandContext } from '../cli-types.ts'
import { readSecretFile } from '../credential-source.ts'
import { detailJson, itemName, shortId } from '../item-display.ts'
import { lookupItems } from '../item-lookup.ts'
import { chooseMatch } from '../item-query.ts'
import { readAllStdin } from '../terminal-input.ts'
import { terminalJson } from '../terminal-text.ts'
import { keepGroups } from '../../core/vault/vault-groups.ts'
import { withGroupOption } from '../group-option.ts'
import { withUnlockedVault } from '../vault-access.ts'

/** Fields --set may change, by item type. Secrets are not among them. */
const PLAIN_FIELDS: Record<ItemData['type'], readonly string[]> = {
  login: ['title', 'username', 'url', 'tags', 'notes', 'group'],
  otp: ['title', 'issuer', 'account', 'tags', 'notes', 'group'],
  'recovery-codes': ['title', 'issuer', 'tags', 'notes', 'group'],
  note: ['title', 'tags', 'group'],
}

/** Secret fields, which come only from standard input or a file, never the command line. */
const SECRET_FIELDS: Record<ItemData['type'], string | null> = {
  login: 'password',
  otp: 'secret',
  'recovery-codes': null,
  note: 'body',
}

function parseSets(values: unknown): [string, string][] {
  const sets = Array.isArray(values) ? values.map(String) : []
  return sets.map((set) => {
    const eq = set.indexOf('=')
    if (eq <= 0) throw new UsageError(`--set takes FIELD=VALUE (got '${set}')`)
    return [set.slice(0, eq).trim(), set.slice(eq + 1)]
  })
}

async function readSecret(context: CommandContext): Promise<[string, string] | null> {
  const { values, io } = context
  const fromStdin = typeof values['secret-stdin'] === 'string' ? values['secret-stdin'] : null
  const fromFile = typeof values['secret-file'] === 'string' ? values['secret-file'] : null
  if (fromStdin !== null && fromFile !== null) {
    throw new UsageError('give either --secret-stdin or --secret-file')
  }
  if (fromStdin !== null) {
    const text = (await readAllStdin(io.stdin)).replace(/\r?\n$/, '')
    return [fromStdin, text]
  }
  if (fromFile !== null) {
    const eq = fromFile.indexOf('=')
    if (eq <= 0) throw new UsageError(`--secret-file takes FIELD=FILE (got '${fromFile}')`)
    return [
      fromFile.slice(0, eq),
      readSecretFile(resolve(context.agent?.cwd ?? '.', fromFile.slice(eq + 1)), 'secret'),
    ]
  }
  return null
}

function applyPlain(data: ItemData, field: string, value: string, urls: string[]): ItemData {
  const allowed = PLAIN_FIELDS[data.type]
  if (!allowed.includes(field)) {
    const secret = SECRET_FIELDS[data.type]
    if (field === secret) {
      throw new UsageError(
        `${field} is a secret: give it with --secret-stdin ${field} or --secret-file ${field}=FILE, not on the command line`,
      )
    }
    throw new UsageError(
      `a ${data.type} item has no field '${field}' to set (${allowed.join(', ')})`,
    )
  }
  switch (field) {
    case 'tags':
      return {
        ...data,
        tags: value
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean),
      }
    case 'url':
      urls.push(value.trim())
      return data
    case 'group':
      return withGroupOption(data, value)
    default:
      return { ...data, [field]: field === 'notes' ? value : value.trim() } as ItemData
  }
}

function applySecret(data: ItemData, field: string, value: string, now: number): ItemData {
  if (field !== SECRET_FIELDS[data.type]) {
    throw new UsageError(`a ${data.type} item has no secret field '${field}'`)
  }
  switch (data.type) {
    case 'login': {
      if (value === data.password) return data
      const history =
        data.password === ''
          ? data.passwordHistory
          : [{ password: data.password, replacedAt: now }, ...data.passwordHistory].slice(
              0,
              MAX_PASSWORD_HISTORY,
            )
      return { ...data, password: value, passwordHistory: history }
    }
    case 'otp':
      return { ...data, ...normalizeOtpKey({ ...data, secret: value.trim() }) }
    case 'note':
      return { ...data, body: value }
    default:
      return data
  }
}

export const editCommand: CliCommand = {
  usage:
    'VAULT QUERY [--set FIELD=VALUE]... [--secret-stdin FIELD | --secret-file FIELD=FILE] [--json]',
  details:
    'Changes titles, usernames, URLs (each --set url=… adds one; together they replace the ' +
    'list), tags (comma-separated), notes, issuers, accounts and the group (group=Work/Servers; ' +
    'group= for the top level). Secrets — a login’s password, a ' +
    '2FA secret, a secure note’s text — are read only from standard input (--secret-stdin FIELD) ' +
    'or the first line of a file (--secret-file FIELD=FILE), never from the command line. A ' +
    'replaced password goes to the login’s history, as in the app.',
  options: {
    set: {
      type: 'string',
      multiple: true,
      valueName: 'FIELD=VALUE',
      description: 'set a field (repeatable)',
    },
    'secret-stdin': {
      type: 'string',
      valueName: 'FIELD',
      description: 'read this secret field from standard input (password, secret or body)',
    },
    'secret-file': {
      type: 'string',
      valueName: 'FIELD=FILE',
      description: 'read this secret field from the first line of FILE',
    },
    json: { type: 'boolean', description: 'print the changed item as JSON (secrets null)' },
  },
  unlocks: true,
  agent: { readsStdin: ({ values }) => typeof values['secret-stdin'] === 'string' },
  positionals: { min: 2, max: 2 },
  async run(context) {
    const { io, positionals, values } = context
    const [path, query] = positionals as [string, string]
    const sets = parseSets(values.set)
    const secret = await readSecret(context)
    if (sets.length === 0 && secret === null) {
      throw new UsageError('nothing to change: give --set FIELD=VALUE or a secret option')
    }
    const updated = await withUnlockedVault(context, path, async (vault) => {
      const record = await chooseMatch(context, lookupItems(context, vault, query), query, 'item')
      const urls: string[] = []
      let data = record.data
      for (const [field, value] of sets) data = applyPlain(data, field, value, urls)
      if (urls.length > 0 && data.type === 'login') data = { ...data, urls: urls.filter(Boolean) }
      if (secret) data = applySecret(data, secret[0], secret[1], io.now())
      if (
        data.type !== 'note' &&
        data.type !== 'otp' &&
        data.title === '' &&
        record.data.title !== ''
      ) {
        throw new CliError('the title cannot be empty')
      }
      const updated = vault.update(record.id, data, record.revision)
      keepGroups(vault, record.data.group, updated.data.group)
      return updated
    })
    if (values.json) io.out(terminalJson(detailJson(updated, false)))
    else io.out(`Changed '${itemName(updated.data)}' [${shortId(updated.id)}]`)
  },
}
