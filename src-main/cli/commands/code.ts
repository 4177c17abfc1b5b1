import { currentCode } from '../../core/otp/otp-codes.ts'
import { codeFor, isOtp, type OtpRecord } from '../code-for-item.ts'
import { UsageError } from '../cli-error.ts'
import { CLIP_TIME_ENV, DEFAULT_CLIP_SECONDS } from '../clipboard/clip-settings.ts'
import type { CliCommand, CliIo } from '../cli-types.ts'
import { itemName } from '../item-display.ts'
import { chooseMatch } from '../item-query.ts'
import { lookupItems } from '../item-lookup.ts'
import { withUnlockedVault } from '../vault-access.ts'

function parseAt(value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  if (!/^\d{1,12}(\.\d+)?$/.test(value)) {
    throw new UsageError(`--at needs a Unix time in seconds, like 1700000000 (got '${value}')`)
  }
  return Number(value)
}

export const codeCommand: CliCommand = {
  usage: 'VAULT [QUERY] [--at UNIX_SECONDS] [--clip]',
  details:
    'QUERY matches issuer, account or title, ignoring case. With exactly one match only the code ' +
    'is printed: the next one when the current code has under 5 seconds left (as the app copies ' +
    'it). A counter-based (HOTP) key moves to its next counter each time its code is printed. ' +
    'Without QUERY, every time-based key is listed with its current code.',
  options: {
    at: {
      type: 'string',
      valueName: 'UNIX_SECONDS',
      description: 'the code at this time instead of now',
    },
    clip: {
      type: 'boolean',
      short: 'c',
      description: `copy the code instead of printing it; the clipboard is cleared after ${DEFAULT_CLIP_SECONDS} s (or ${CLIP_TIME_ENV}) if unchanged`,
    },
  },
  unlocks: true,
  agent: {},
  positionals: { min: 1, max: 2 },
  async run(context) {
    const { io, positionals, values } = context
    const at = parseAt(typeof values.at === 'string' ? values.at : undefined)
    const [path, query] = positionals as [string, string | undefined]
    if (values.clip && query === undefined) throw new UsageError('--clip needs a QUERY')
    await withUnlockedVault(context, path, async (vault) => {
      if (query === undefined) return printAll(io, vault.list().items.filter(isOtp), at)
      const matches = lookupItems(context, vault, query, { types: ['otp'] })
      const record = (await chooseMatch(context, matches, query, '2FA key')) as OtpRecord
      const code = codeFor(vault, record, at ?? io.now() / 1000, at !== undefined)
      if (values.clip) await io.clip(code)
      else io.out(code)
    })
  },
}

function printAll(io: CliIo, keys: OtpRecord[], at: number | undefined): void {
  const nowMs = at === undefined ? io.now() : at * 1000
  const sorted = [...keys].sort((a, b) => itemName(a.data).localeCompare(itemName(b.data)))
  if (sorted.length === 0) io.out('(no 2FA keys)')
  for (const { data } of sorted) {
    if (data.kind === 'hotp') {
      io.out(`${'-'.repeat(8)}  hotp  ${itemName(data)}  (counter-based: ask for it by name)`)
      continue
    }
    const now = currentCode(data, nowMs)
    io.out(`${now.code.padEnd(8)}  ${String(now.remainingSeconds).padStart(3)}s  ${itemName(data)}`)
  }
}
