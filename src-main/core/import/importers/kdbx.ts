// KeePass / KeePassXC databases, KDBX 3.1 and 4 (AES-KDF, Argon2d, Argon2id; AES-256,
// ChaCha20, Twofish is refused by the library), through kdbxweb. The group tree becomes Cairn's
// groups, empty groups included (the root group's own name is left out); the recycle bin is skipped; standard fields,
// KeePassXC's additional URLs (KP2A_URL*), custom attributes (hidden when protected), tags and
// the password history are kept; a TOTP in any of the layouts otp-fields.ts reads becomes a 2FA
// key paired with the login. Attachments are not imported (Cairn has no attachments).
import { groupNameFrom } from '../../../../src-shared/group-path.ts'
import { CairnError } from '../../errors.ts'
import type { CustomField, PasswordHistoryEntry } from '../../vault/item-types.ts'
import type { AskSecret, ImportReadOptions, ImportedFile, Importer } from '../importer.ts'
import { SNIFF } from '../importer.ts'
import { checkKdbxHeader, kdbxweb, toArrayBuffer } from '../../kdbx/kdbx-engine.ts'
import { OTP_ATTRIBUTE_NAMES, otpKeyFromAttributes } from './otp-fields.ts'
import { EntryCollector, loginLabel } from './password-entries.ts'

const SIGNATURE_1 = 0x9aa2d903
const SIGNATURE_2 = 0xb54bfb67
const STANDARD_FIELDS = new Set(['Title', 'UserName', 'Password', 'URL', 'Notes'])
const EXTRA_URL = /^KP2A_URL(_\d+)?$/
const OTP_NAMES = new Set<string>(OTP_ATTRIBUTE_NAMES)

function isKdbx(bytes: Uint8Array): boolean {
  if (bytes.length < 12) return false
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  return view.getUint32(0, true) === SIGNATURE_1 && view.getUint32(4, true) === SIGNATURE_2
}

function fieldText(value: kdbxweb.KdbxEntryField | undefined): string {
  if (value === undefined) return ''
  return typeof value === 'string' ? value : value.getText()
}

function translateError(e: unknown): never {
  if (e instanceof CairnError) throw e
  if (e instanceof kdbxweb.KdbxError) {
    switch (e.code) {
      case kdbxweb.Consts.ErrorCodes.InvalidKey:
        throw new CairnError(
          'WRONG_PASSWORD',
          'the password (or key file) does not open this KeePass database',
        )
      case kdbxweb.Consts.ErrorCodes.BadSignature:
        throw new CairnError('MALFORMED_BACKUP', 'this is not a KeePass database')
      case kdbxweb.Consts.ErrorCodes.InvalidVersion:
      case kdbxweb.Consts.ErrorCodes.Unsupported:
        throw new CairnError(
          'UNSUPPORTED',
          'this KeePass database uses a version or cipher Cairn cannot read (KDBX 3.1 and 4 with AES or ChaCha20 are supported)',
        )
      default:
        break
    }
  }
  throw new CairnError(
    'MALFORMED_BACKUP',
    'the KeePass database is damaged or cut short (its checksums do not match)',
  )
}

/** KeePass keeps old versions whole; Cairn keeps the passwords they replaced, oldest first. */
function passwordHistory(entry: kdbxweb.KdbxEntry): PasswordHistoryEntry[] {
  const versions = [...entry.history, entry]
  const out: PasswordHistoryEntry[] = []
  for (let i = 0; i < versions.length - 1; i++) {
    const older = fieldText((versions[i] as kdbxweb.KdbxEntry).fields.get('Password'))
    const newer = versions[i + 1] as kdbxweb.KdbxEntry
    if (older === '' || older === fieldText(newer.fields.get('Password'))) continue
    out.push({ password: older, replacedAt: newer.times.lastModTime?.getTime() ?? 0 })
  }
  return out
}

async function readKdbx(
  bytes: Uint8Array,
  askSecret: AskSecret,
  options?: ImportReadOptions,
): Promise<ImportedFile> {
  if (!isKdbx(bytes)) throw new CairnError('MALFORMED_BACKUP', 'this is not a KeePass database')
  checkKdbxHeader(bytes)
  const password = await askSecret(
    options?.keyFile
      ? 'KeePass database password (empty if only the key file is used)'
      : 'KeePass database password',
  )
  if (password === null) {
    throw new CairnError('WRONG_PASSWORD', 'the KeePass database needs its password to be read')
  }
  const credentials = new kdbxweb.KdbxCredentials(
    password === '' && options?.keyFile ? null : kdbxweb.ProtectedValue.fromString(password),
    options?.keyFile ? toArrayBuffer(options.keyFile) : null,
  )
  try {
    await credentials.ready
  } catch {
    // Only the key file is parsed here: an XML file that is not a whole KeePass key file.
    throw new CairnError(
      'INVALID_ARGUMENT',
      'the key file cannot be used: it is an XML file but not a complete KeePass key file',
    )
  }
  let db: kdbxweb.Kdbx
  try {
    db = await kdbxweb.Kdbx.load(toArrayBuffer(bytes), credentials)
  } catch (e) {
    translateError(e)
  }

  const collector = new EntryCollector()
  const recycleBin = db.meta.recycleBinEnabled !== false ? db.meta.recycleBinUuid?.id : undefined
  let inRecycleBin = 0
  let attachments = 0
  let entryNumber = 0
  const groups: string[] = []

  const visit = (group: kdbxweb.KdbxGroup, path: string[]) => {
    for (const entry of group.entries) {
      entryNumber++
      const get = (name: string) => {
        const value = entry.fields.get(name)
        return value === undefined ? undefined : fieldText(value)
      }
      const title = get('Title') ?? ''
      const where = `entry ${entryNumber}${path.length ? ` in ${path.join(' / ')}` : ''}`
      const urls = [get('URL') ?? '']
      const fields: CustomField[] = []
      const otpFields: CustomField[] = []
      for (const [name, value] of entry.fields) {
        if (STANDARD_FIELDS.has(name)) continue
        if (EXTRA_URL.test(name)) {
          urls.push(fieldText(value))
          continue
        }
        const field = { name, value: fieldText(value), secret: typeof value !== 'string' }
        if (OTP_NAMES.has(name)) otpFields.push({ ...field, secret: true })
        else fields.push(field)
      }
      if (entry.binaries.size > 0) attachments += entry.binaries.size
      collector.add({
        where,
        folder: path.join('/'),
        title,
        username: get('UserName') ?? '',
        password: get('Password') ?? '',
        urls,
        notes: get('Notes') ?? '',
        tags: entry.tags,
        fields,
        passwordHistory: passwordHistory(entry),
        readOtp: () => otpKeyFromAttributes(get, loginLabel(title, get('UserName'))),
        otpAsFields: otpFields,
      })
    }
    for (const child of group.groups) {
      if (recycleBin !== undefined && child.uuid.id === recycleBin) {
        inRecycleBin += [...child.allEntries()].length
        continue
      }
      // A "/" inside a KeePass name must not split it into two levels.
      const childPath = [...path, groupNameFrom(child.name ?? '') ?? 'Unnamed group']
      groups.push(childPath.join('/'))
      visit(child, childPath)
    }
  }
  for (const root of db.groups) visit(root, [])

  const notes: string[] = []
  if (inRecycleBin > 0) notes.push(`${inRecycleBin} entries in the recycle bin were left out`)
  if (attachments > 0) {
    notes.push(`${attachments} attachments were not imported: Cairn does not keep attachments`)
  }
  return {
    ...collector.file(
      'kdbx',
      `KeePass database (KDBX ${db.versionMajor}.${db.versionMinor})`,
      notes,
    ),
    groups,
    encrypted: true,
  }
}

export const kdbxImporter: Importer = {
  id: 'kdbx',
  name: 'KeePass / KeePassXC database (KDBX 3.1 and 4)',
  help: 'The .kdbx file itself; asks for its password (and takes a key file where the database uses one).',
  sniff: (bytes) => (isKdbx(bytes) ? SNIFF.certain : SNIFF.no),
  read: readKdbx,
}
