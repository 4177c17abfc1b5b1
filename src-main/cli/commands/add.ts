import { otpKeyLabel } from '../../core/otp/otp-key.ts'
import { parseOtpauthUri } from '../../core/otp/otpauth-uri.ts'
import type { OtpData } from '../../core/vault/item-types.ts'
import { CliError } from '../cli-error.ts'
import type { CliCommand } from '../cli-types.ts'
import { printable } from '../terminal-text.ts'
import { itemName, shortId } from '../item-display.ts'
import { readAllStdin } from '../terminal-input.ts'
import { withUnlockedVault } from '../vault-access.ts'

export const addCommand: CliCommand = {
  usage: 'VAULT URI',
  details:
    'Give - as URI to read it from standard input: a URI on the command line holds the secret ' +
    'and can end up in your shell history and the process list.',
  options: {},
  unlocks: true,
  agent: { readsStdin: ({ positionals }) => positionals[1] === '-' },
  positionals: { min: 2, max: 2 },
  async run(context) {
    const { io, positionals } = context
    const [path, uriArgument] = positionals as [string, string]
    const uri = uriArgument === '-' ? (await readAllStdin(io.stdin)).trim() : uriArgument
    // Check the URI before asking for the password: a typo should not cost an unlock.
    const key = parseOtpauthUri(uri)
    const added = await withUnlockedVault(context, path, (vault) => {
      const data: OtpData = { type: 'otp', ...key, title: '', notes: '', tags: [] }
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
      if (result.twin) {
        throw new CliError(
          `this key is already in the vault as ${itemName(result.twin.data)} [${shortId(result.twin.id)}]`,
        )
      }
      return result.added
    })
    io.out(`Added 2FA key ${printable(otpKeyLabel(key))} [${shortId(added.id)}]`)
  },
}
