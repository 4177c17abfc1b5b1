// A Steam Guard maFile, as Steam Desktop Authenticator and steamguard-cli keep them: one JSON
// object per account with `shared_secret` (base64, the code key), `account_name`,
// `revocation_code`, `identity_secret` and the device and session fields. Older files nest the
// Steam id in `Session.SteamID`, newer ones keep `steam_id` at the top. Kept: the code key, the
// account name, and the revocation code in the item's notes (it undoes Steam Guard). Lost: the
// identity secret (trade confirmations) and the session, which only Steam clients use.
import type { Importer } from '../importer.ts'
import {
  base64Bytes,
  extensionOf,
  headText,
  isObject,
  malformed,
  readJson,
  str,
} from './file-bytes.ts'
import { EntryCollector, otpEntry } from './otp-entry.ts'

const NAME = 'Steam Guard maFile'

export const steamMaFileImporter: Importer = {
  id: 'steam-mafile',
  name: 'Steam Guard maFile (JSON)',
  help: 'Steam Desktop Authenticator or steamguard-cli: the account’s .maFile (not encrypted).',
  sniff(bytes, fileName) {
    const head = headText(bytes, 4096)
    if (/^\s*\{/.test(head) && /"shared_secret"\s*:/.test(head)) return 3
    return extensionOf(fileName) === 'mafile' ? 1 : 0
  },
  async read(bytes) {
    const json = readJson(bytes, NAME)
    if (!isObject(json) || typeof json.shared_secret !== 'string')
      malformed(NAME, 'no shared_secret')
    const secret = base64Bytes(json.shared_secret)
    const collected = new EntryCollector()
    if (!secret) collected.problem('account', 'the shared secret is not base64')
    else {
      const revocation = str(json.revocation_code)
      collected.add(
        otpEntry('account', {
          steam: true,
          secret,
          issuer: 'Steam',
          account: str(json.account_name),
          notes: revocation ? `Steam Guard revocation code: ${revocation}` : '',
        }),
      )
    }
    const notes =
      typeof json.identity_secret === 'string'
        ? ['the identity secret (trade confirmations) is not imported']
        : []
    return { format: this.id, formatName: NAME, ...collected, notes }
  },
}
