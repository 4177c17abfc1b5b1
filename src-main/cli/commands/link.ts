import type { LoginData } from '../../core/vault/item-types.ts'
import { UsageError } from '../cli-error.ts'
import type { CliCommand, CommandContext } from '../cli-types.ts'
import { itemName, shortId } from '../item-display.ts'
import { lookupItems } from '../item-lookup.ts'
import { chooseMatch } from '../item-query.ts'
import { printable, terminalJson } from '../terminal-text.ts'
import { withUnlockedVault } from '../vault-access.ts'

/** The context that opens OTP_VAULT: its own password file when given, else the same credential. */
function otherVaultContext(context: CommandContext): CommandContext {
  const file = context.values['other-password-file']
  if (typeof file !== 'string') return context
  return { ...context, values: { ...context.values, 'password-file': file } }
}

export const linkCommand: CliCommand = {
  usage:
    'VAULT LOGIN_QUERY [OTP_VAULT] OTP_QUERY [--other-password-file F] [--json]  |  VAULT LOGIN_QUERY --none',
  details:
    'Links a login to the 2FA key that belongs with it, in the same vault or another one (as ' +
    'the app does): the app then shows the key’s code with the login. OTP_VAULT opens with the ' +
    'same credential as VAULT unless --other-password-file is given. --none removes the link.',
  options: {
    none: { type: 'boolean', description: 'remove the login’s link' },
    'other-password-file': {
      type: 'string',
      valueName: 'FILE',
      description: 'the master password of OTP_VAULT, from the first line of FILE',
    },
    json: { type: 'boolean', description: 'print JSON' },
  },
  unlocks: true,
  agent: {},
  positionals: { min: 2, max: 4 },
  async run(context) {
    const { io, positionals, values } = context
    const [path, loginQuery, ...rest] = positionals as [string, string, ...string[]]
    if (values.none ? rest.length !== 0 : rest.length === 0) {
      throw new UsageError(`usage: cairn link ${linkCommand.usage}`)
    }
    const otpVaultPath = rest.length === 2 ? (rest[0] as string) : null
    const otpQuery = rest[rest.length - 1]
    const result = await withUnlockedVault(context, path, async (vault) => {
      const matches = lookupItems(context, vault, loginQuery, { types: ['login'] })
      const login = await chooseMatch(context, matches, loginQuery, 'login')
      const data = login.data as LoginData
      if (otpQuery === undefined) {
        const saved = vault.update(login.id, { ...data, otpLink: null }, login.revision)
        return { login: saved, otp: null, otpVault: null }
      }
      const findKey = async (other: typeof vault) => {
        const keys = lookupItems(context, other, otpQuery, { types: ['otp'] })
        const key = await chooseMatch(context, keys, otpQuery, '2FA key')
        return { key, vaultId: other.header.vaultUuid, vaultName: other.header.name }
      }
      const target =
        otpVaultPath === null
          ? await findKey(vault)
          : await withUnlockedVault(otherVaultContext(context), otpVaultPath, findKey)
      const link = { vaultId: target.vaultId, itemId: target.key.id }
      const saved = vault.update(login.id, { ...data, otpLink: link }, login.revision)
      return { login: saved, otp: target.key, otpVault: target.vaultName }
    })
    if (values.json) {
      io.out(
        terminalJson({
          login: result.login.id,
          otpLink: (result.login.data as LoginData).otpLink,
        }),
      )
      return
    }
    const loginName = `'${itemName(result.login.data)}' [${shortId(result.login.id)}]`
    if (result.otp === null) io.out(`Removed the 2FA link of ${loginName}`)
    else {
      io.out(
        `Linked ${loginName} to 2FA key '${itemName(result.otp.data)}' [${shortId(result.otp.id)}] in '${printable(result.otpVault ?? '')}'`,
      )
    }
  },
}
