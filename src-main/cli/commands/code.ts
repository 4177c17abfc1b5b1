import { currentCode, hotpCode, totpCode } from '../../core/otp/otp-codes.ts'
import type { ItemRecord, OtpData } from '../../core/vault/item-types.ts'
import type { UnlockedVault } from '../../core/vault/vault-api.ts'
import { UsageError } from '../cli-error.ts'
import type { CliCommand, CliIo } from '../cli-types.ts'
import { itemName } from '../item-display.ts'
import { chooseMatch } from '../item-query.ts'
import { lookupItems } from '../item-lookup.ts'
import { withUnlockedVault } from '../vault-access.ts'

type OtpRecord = ItemRecord & { data: OtpData }

const isOtp = (record: ItemRecord): record is OtpRecord => record.data.type === 'otp'

function parseAt(value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  if (!/^\d{1,12}(\.\d+)?$/.test(value)) {
    throw new UsageError(`--at needs a Unix time in seconds, like 1700000000 (got '${value}')`)
  }
  return Number(value)
}

export const codeCommand: CliCommand = {
  usage: 'VAULT [QUERY] [--at UNIX_SECONDS]',
  details:
    'QUERY matches issuer, account or title, ignoring case. With exactly one match only the code ' +
    'is printed. A counter-based (HOTP) key moves to its next counter each time its code is ' +
    'printed. Without QUERY, every time-based key is listed with its code.',
  options: {
    at: {
      type: 'string',
      valueName: 'UNIX_SECONDS',
      description: 'the code at this time instead of now',
    },
  },
  unlocks: true,
  agent: {},
  positionals: { min: 1, max: 2 },
  async run(context) {
    const { io, positionals, values } = context
    const at = parseAt(typeof values.at === 'string' ? values.at : undefined)
    const [path, query] = positionals as [string, string | undefined]
    await withUnlockedVault(context, path, async (vault) => {
      if (query === undefined) return printAll(io, vault.list().items.filter(isOtp), at)
      const matches = lookupItems(context, vault, query, { types: ['otp'] })
      const record = (await chooseMatch(context, matches, query, '2FA key')) as OtpRecord
      io.out(codeFor(vault, record, at ?? io.now() / 1000, at !== undefined))
    })
  },
}

function codeFor(vault: UnlockedVault, record: OtpRecord, at: number, atGiven: boolean): string {
  const key = record.data
  if (key.kind === 'totp') return totpCode(key, at)
  if (atGiven) {
    throw new UsageError(`--at applies to time-based keys; '${itemName(key)}' is counter-based`)
  }
  const code = hotpCode(key, key.counter)
  // The code is spent once shown; store the next counter before printing it.
  vault.update(record.id, { ...key, counter: key.counter + 1 }, record.revision)
  return code
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
