import { currentCode } from '../../core/otp/otp-codes.ts'
import type { ItemRecord } from '../../core/vault/item-types.ts'
import type { UnlockedVault } from '../../core/vault/vault-api.ts'
import { CliError, UsageError } from '../cli-error.ts'
import type { CliCommand } from '../cli-types.ts'
import { CLIP_TIME_ENV, DEFAULT_CLIP_SECONDS } from '../clipboard/clip-settings.ts'
import { codeFor, isOtp } from '../code-for-item.ts'
import { printableLines, terminalJson } from '../terminal-text.ts'
import { detailJson, detailLines, formatLines, itemName } from '../item-display.ts'
import { chooseMatch } from '../item-query.ts'
import { lookupItems } from '../item-lookup.ts'
import { withUnlockedVault } from '../vault-access.ts'

const FIELDS = ['password', 'username', 'url', 'notes', 'otp'] as const
type Field = (typeof FIELDS)[number]

function checkField(name: string): Field {
  const field = FIELDS.find((f) => f === name)
  if (!field) throw new UsageError(`--field takes one of ${FIELDS.join(', ')} (got '${name}')`)
  return field
}

function fieldValue(vault: UnlockedVault, record: ItemRecord, field: Field, nowMs: number): string {
  const data = record.data
  const name = itemName(data)
  const none = () => new CliError(`'${name}' has no ${field}`)
  switch (field) {
    case 'password':
      if (data.type !== 'login' || data.password === '') throw none()
      return data.password
    case 'username':
      if (data.type !== 'login' || data.username === '') throw none()
      return data.username
    case 'url':
      if (data.type !== 'login' || data.urls.length === 0) throw none()
      return data.urls.join('\n')
    case 'notes': {
      const text = data.type === 'note' ? data.body : data.notes
      if (text === '') throw none()
      return text
    }
    case 'otp':
      if (!isOtp(record)) throw none()
      return codeFor(vault, record, nowMs / 1000, false)
  }
}

export const showCommand: CliCommand = {
  usage: 'VAULT QUERY [--reveal] [--json] [--field FIELD [--clip]]',
  details:
    'With --field only that value is printed, as stored (for scripts): password, username, url ' +
    '(every URL, one a line), notes (a secure note’s text) or otp (the current code; a ' +
    'counter-based key moves on). Control characters in it are shown as ? like everywhere else.',
  options: {
    reveal: { type: 'boolean', description: 'include passwords, 2FA secrets and recovery codes' },
    json: { type: 'boolean', description: 'print JSON (secrets are null unless --reveal)' },
    field: {
      type: 'string',
      valueName: 'FIELD',
      description: `print only this field: ${FIELDS.join(', ')}`,
    },
    clip: {
      type: 'boolean',
      short: 'c',
      description: `with --field: copy the value instead of printing it (cleared after ${DEFAULT_CLIP_SECONDS} s or ${CLIP_TIME_ENV}, if unchanged)`,
    },
  },
  unlocks: true,
  agent: {},
  positionals: { min: 2, max: 2 },
  async run(context) {
    const { io, positionals, values } = context
    const [path, query] = positionals as [string, string]
    const reveal = values.reveal === true
    const field = typeof values.field === 'string' ? checkField(values.field) : undefined
    if (values.clip && field === undefined) throw new UsageError('--clip needs --field FIELD')
    if (field !== undefined && (values.json || values.reveal)) {
      throw new UsageError('--field prints one value: leave out --json and --reveal')
    }
    const { record, value } = await withUnlockedVault(context, path, async (vault) => {
      const found = await chooseMatch(context, lookupItems(context, vault, query), query, 'item')
      return {
        record: found,
        value: field === undefined ? null : fieldValue(vault, found, field, io.now()),
      }
    })
    if (value !== null) {
      if (values.clip) await io.clip(value)
      else for (const line of printableLines(value)) io.out(line)
      return
    }
    if (values.json) {
      io.out(terminalJson(detailJson(record, reveal)))
      return
    }
    const lines = detailLines(record, reveal)
    if (record.data.type === 'otp' && record.data.kind === 'totp') {
      const now = currentCode(record.data, io.now())
      lines.splice(2, 0, ['Code', `${now.code}  (${now.remainingSeconds} s left)`])
    }
    for (const line of formatLines(lines)) io.out(line)
  },
}
