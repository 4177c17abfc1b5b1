import { otpKeyLabel } from '../../core/otp/otp-key.ts'
import { parseOtpauthUri } from '../../core/otp/otpauth-uri.ts'
import { sameOtpSecret } from '../../core/otp/same-secret.ts'
import type { OtpData } from '../../core/vault/item-types.ts'
import { CliError } from '../cli-error.ts'
import type { CliCommand } from '../cli-types.ts'
import { printable } from '../terminal-text.ts'
import { itemName, shortId } from '../item-display.ts'
import { readAllStdin } from '../terminal-input.ts'
import { keepGroups } from '../../core/vault/vault-groups.ts'
import { GROUP_OPTION, withGroupOption } from '../group-option.ts'
import { withUnlockedVault } from '../vault-access.ts'

export const addCommand: CliCommand = {
  usage: 'VAULT - (the URI on standard input) | VAULT URI   [--group PATH]',
  details:
    'Give - as URI and pipe the URI in, e.g. cairn add VAULT - < key.txt: that is the safe way. ' +
    'A URI on the command line holds the secret: while cairn runs, every user of this computer ' +
    'can read it in the process list (ps), and it can end up in your shell history.',
  options: { group: GROUP_OPTION },
  unlocks: true,
  agent: { readsStdin: ({ positionals }) => positionals[1] === '-' },
  positionals: { min: 2, max: 2 },
  async run(context) {
    const { io, positionals, values } = context
    const [path, uriArgument] = positionals as [string, string]
    const uri = uriArgument === '-' ? (await readAllStdin(io.stdin)).trim() : uriArgument
    // Check the URI before asking for the password: a typo should not cost an unlock.
    const key = parseOtpauthUri(uri)
    const grouped = withGroupOption(
      { type: 'otp', ...key, title: '', notes: '', tags: [] } satisfies OtpData,
      values.group,
    )
    const added = await withUnlockedVault(context, path, (vault) => {
      const data: OtpData = grouped
      // The check and the write are one transaction: two `cairn add` at once store the key once.
      const result = vault.addUnlessPresent(
        data,
        (r) =>
          r.deletedAt === null &&
          r.data.type === 'otp' &&
          r.data.secret === key.secret &&
          r.data.issuer === key.issuer &&
          r.data.account === key.account,
      )
      if (result.added) keepGroups(vault, result.added.data.group ?? [])
      if (result.twin) {
        throw new CliError(
          `this key is already in the vault as ${itemName(result.twin.data)} [${shortId(result.twin.id)}]`,
        )
      }
      // Under other names, the same secret is still one account's key saved twice.
      const sameSecret = vault
        .list()
        .items.filter(
          (r) =>
            r.id !== result.added.id &&
            r.data.type === 'otp' &&
            sameOtpSecret(r.data.secret, key.secret),
        )
      return { added: result.added, sameSecret }
    })
    io.out(`Added 2FA key ${printable(otpKeyLabel(key))} [${shortId(added.added.id)}]`)
    for (const r of added.sameSecret) {
      io.err(
        `cairn: warning: ${itemName(r.data)} [${shortId(r.id)}] holds the same secret: ` +
          'the key is now saved twice',
      )
    }
    if (uriArgument !== '-') {
      io.err(
        'cairn: warning: the URI on the command line is visible to every user in the process ' +
          'list and may stay in your shell history; next time pipe it in with: cairn add VAULT -',
      )
    }
  },
}
