// 2FAS Authenticator's backup (.2fas, JSON), schema versions 1 to 4. Each service carries its
// secret and an `otp` object (account, issuer, digits, period, algorithm, tokenType, counter);
// groups arrive in version 2. An encrypted backup (version 3 on) has an empty `services` list and
// `servicesEncrypted` = base64(ciphertext+tag):base64(salt):base64(iv), AES-256-GCM under
// PBKDF2-HMAC-SHA256(password, salt, 10000 iterations). Lost: icons, badge colours, order.
import { pbkdf2Sync } from 'node:crypto'
import { CairnError } from '../../errors.ts'
import type { Importer } from '../importer.ts'
import {
  base64Bytes,
  extensionOf,
  headText,
  int,
  isObject,
  malformed,
  parseJsonText,
  readJson,
  str,
} from './file-bytes.ts'
import type { Json, JsonObject } from './file-bytes.ts'
import { exportPassword, openAesGcmJoined, utf8, wrongPassword } from './import-crypto.ts'
import { EntryCollector, otpEntry } from './otp-entry.ts'

const NAME = '2FAS'
const PBKDF2_ITERATIONS = 10_000

export const twoFasImporter: Importer = {
  id: '2fas',
  name: '2FAS (.2fas backup, plain or encrypted)',
  help: '2FAS → Settings → 2FAS Backup → Export to file (schema versions 1 to 4).',
  sniff(bytes, fileName) {
    const head = headText(bytes, 4096)
    if (/^\s*\{/.test(head) && /"(schemaVersion|servicesEncrypted)"\s*:/.test(head)) return 3
    if (/^\s*\{/.test(head) && /"services"\s*:/.test(head) && /"otp"\s*:/.test(head)) return 2
    return extensionOf(fileName) === '2fas' ? 1 : 0
  },
  async read(bytes, askSecret) {
    const json = readJson(bytes, NAME)
    if (!isObject(json)) malformed(NAME, 'not a 2FAS backup')
    const version = int(json.schemaVersion) ?? 1
    if (version > 4) {
      throw new CairnError(
        'UNSUPPORTED',
        `2FAS backup schema ${version} is newer than Cairn reads (1 to 4)`,
      )
    }
    let services: Json[]
    const encrypted = typeof json.servicesEncrypted === 'string' && json.servicesEncrypted !== ''
    if (encrypted) {
      services = decryptServices(str(json.servicesEncrypted), await exportPassword(askSecret, NAME))
    } else if (Array.isArray(json.services)) services = json.services
    else malformed(NAME, 'no services')
    const groups = new Map<string, string>()
    if (Array.isArray(json.groups)) {
      for (const g of json.groups) if (isObject(g)) groups.set(str(g.id), str(g.name))
    }
    const collected = new EntryCollector()
    services.forEach((raw, i) => {
      const where = `service ${i + 1}`
      if (!isObject(raw)) return collected.problem(where, 'not a service')
      collected.add(serviceEntry(where, raw, groups))
    })
    return {
      format: this.id,
      formatName: NAME,
      ...collected,
      notes: [],
      groups: [...groups.values()].filter((name) => name !== ''),
      encrypted,
    }
  },
}

function decryptServices(field: string, password: string): Json[] {
  const [data, salt, iv, ...rest] = field.split(':').map(base64Bytes)
  if (!data || !salt || !iv || rest.length > 0 || iv.length === 0) {
    malformed(NAME, 'damaged encrypted services')
  }
  const key = pbkdf2Sync(password, salt, PBKDF2_ITERATIONS, 32, 'sha256')
  const plain = openAesGcmJoined(key, iv, data)
  if (!plain) wrongPassword(NAME)
  const text = utf8(plain)
  if (text === null) malformed(NAME, 'the decrypted content is not text')
  const parsed = parseJsonText(text, NAME)
  if (!Array.isArray(parsed)) malformed(NAME, 'the decrypted content is not a list of services')
  return parsed
}

function serviceEntry(where: string, raw: JsonObject, groups: Map<string, string>) {
  const otp = isObject(raw.otp) ? raw.otp : {}
  const tokenType = str(otp.tokenType).toLowerCase()
  // Older schemas leave the issuer in `name` and have no tokenType (always TOTP).
  const issuer = str(otp.issuer) || str(raw.name)
  const account = str(otp.account) || str(otp.label)
  return otpEntry(where, {
    kind: tokenType === '' ? 'totp' : tokenType,
    secret: str(raw.secret),
    issuer,
    account,
    algorithm: str(otp.algorithm),
    digits: int(otp.digits),
    period: int(otp.period),
    counter: int(otp.counter),
    folder: groups.get(str(raw.groupId)) || undefined,
  })
}
