// LastPass Authenticator's JSON export: {version, accounts: [{issuerName, originalIssuerName,
// userName, originalUserName, secret, timeStep, digits, algorithm, folderData: {folderId}}],
// folders: [{id, name}]}. Kept: the key, the (renamed) issuer and user name, the folder. Lost:
// favourites, push-notification accounts (they have no secret), creation times.
import type { Importer } from '../importer.ts'
import { headText, int, isObject, malformed, readJson, str } from './file-bytes.ts'
import { EntryCollector, otpEntry } from './otp-entry.ts'

const NAME = 'LastPass Authenticator'

export const lastPassAuthenticatorImporter: Importer = {
  id: 'lastpass-authenticator',
  name: 'LastPass Authenticator (JSON export)',
  help: 'LastPass Authenticator → Settings → Transfer accounts → Export accounts to file.',
  sniff(bytes) {
    const head = headText(bytes, 4096)
    return /^\s*\{/.test(head) &&
      /"accounts"\s*:/.test(head) &&
      /"(issuerName|deviceSecret|localDeviceId|timeStep)"\s*:/.test(head)
      ? 3
      : 0
  },
  async read(bytes) {
    const json = readJson(bytes, NAME)
    if (!isObject(json) || !Array.isArray(json.accounts)) malformed(NAME, 'no accounts')
    const folders = new Map<number, string>()
    if (Array.isArray(json.folders)) {
      for (const f of json.folders)
        if (isObject(f) && int(f.id) !== undefined) folders.set(int(f.id)!, str(f.name))
    }
    const collected = new EntryCollector()
    json.accounts.forEach((raw, i) => {
      const where = `account ${i + 1}`
      if (!isObject(raw)) return collected.problem(where, 'not an account')
      const folderId = isObject(raw.folderData) ? int(raw.folderData.folderId) : undefined
      collected.add(
        otpEntry(where, {
          secret: str(raw.secret),
          issuer: str(raw.issuerName) || str(raw.originalIssuerName),
          account: str(raw.userName) || str(raw.originalUserName),
          algorithm: str(raw.algorithm),
          digits: int(raw.digits),
          period: int(raw.timeStep),
          folder: folderId === undefined ? undefined : folders.get(folderId) || undefined,
        }),
      )
    })
    return {
      format: this.id,
      formatName: NAME,
      ...collected,
      notes: [],
      groups: [...folders.values()].filter((name) => name !== ''),
    }
  },
}
