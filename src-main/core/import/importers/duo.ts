// Duo Mobile's account list (the app's duokit/accounts.json, which Aegis also reads from a rooted
// phone): a JSON list of {name, otpGenerator: {otpSecret, counter}, ...}. A counter makes it an
// HOTP key; without one it is TOTP. Lost: logos and Duo Push (which needs Duo's servers).
import type { Importer } from '../importer.ts'
import { headText, int, isObject, malformed, readJson, str } from './file-bytes.ts'
import { EntryCollector, otpEntry } from './otp-entry.ts'

const NAME = 'Duo Mobile'

export const duoImporter: Importer = {
  id: 'duo',
  name: 'Duo Mobile (accounts.json)',
  help: 'Duo Mobile’s accounts.json (taken from the phone’s app data); Duo Push accounts have no key to export.',
  sniff(bytes) {
    const head = headText(bytes, 4096)
    return /^\s*\[/.test(head) && /"otpGenerator"\s*:/.test(head) ? 3 : 0
  },
  async read(bytes) {
    const json = readJson(bytes, NAME)
    if (!Array.isArray(json)) malformed(NAME, 'not a list of accounts')
    const collected = new EntryCollector()
    json.forEach((raw, i) => {
      const where = `account ${i + 1}`
      if (!isObject(raw)) return collected.problem(where, 'not an account')
      if (!isObject(raw.otpGenerator))
        return collected.problem(where, 'no 2FA key (a Duo Push account?)')
      const counter = int(raw.otpGenerator.counter)
      collected.add(
        otpEntry(where, {
          kind: counter === undefined ? 'totp' : 'hotp',
          secret: str(raw.otpGenerator.otpSecret),
          issuer: str(raw.issuer) || 'Duo',
          account: str(raw.name),
          counter,
        }),
      )
    })
    return { format: this.id, formatName: NAME, ...collected, notes: [] }
  },
}
