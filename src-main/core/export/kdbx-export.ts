// A KeePass KDBX 4 database (Argon2id, AES-256) of a vault's live items, for moving to
// KeePassXC or any KeePass app. Encrypted with a password of the person's choosing, so it needs
// no plain-export acknowledgement. What goes where:
// - login: Title, UserName, Password (protected), URL (the first URL; the others as KeePassXC's
//   additional URLs KP2A_URL, KP2A_URL_1, ...), Notes, tags, custom fields (protected when
//   secret), the password history as KeePass history versions; a 2FA key the login shows (its
//   otpLink, when that key is among the exported items) in the login's `otp` attribute;
// - 2FA key not shown by any exported login: its own entry, Title and UserName from its label,
//   the key as an otpauth URI in `otp`;
// - recovery codes: an entry whose Notes list the codes (used ones marked);
// - note: an entry with Title and Notes.
// Each entry sits in the KeePass group of its Cairn group, under the database's root group; the
// vault's empty groups are written too, so the tree arrives whole.
import { CairnError } from '../errors.ts'
import { ARGON2_FLOOR, type Argon2Params } from '../kdf/argon2-params.ts'
import { kdbxweb } from '../kdbx/kdbx-engine.ts'
import { otpKeyLabel } from '../otp/otp-key.ts'
import { formatOtpauthUri } from '../otp/otpauth-uri.ts'
import { groupPathText, type GroupPath } from '../../../src-shared/group-path.ts'
import type {
  ItemRecord,
  LoginData,
  NoteData,
  OtpData,
  RecoveryCodesData,
} from '../vault/item-types.ts'

export interface KdbxExportOptions {
  /** Shown as the database name in KeePass apps. */
  databaseName?: string
  /** Argon2id cost; Cairn's own floor (64 MiB, 3 passes, 4 lanes) by default. */
  argon2?: Argon2Params
  /** The vault's kept groups (UnlockedVault.groups), so that empty ones are exported too. */
  groups?: readonly GroupPath[]
}

/** The KeePass group for a Cairn group path, made (with its parents) the first time it is asked. */
function groupMaker(db: kdbxweb.Kdbx): (path: GroupPath | undefined) => kdbxweb.KdbxGroup {
  const root = db.getDefaultGroup()
  const made = new Map<string, kdbxweb.KdbxGroup>([['', root]])
  const at = (path: GroupPath): kdbxweb.KdbxGroup => {
    const key = groupPathText(path)
    let group = made.get(key)
    if (!group) {
      group = db.createGroup(at(path.slice(0, -1)), path[path.length - 1]!)
      made.set(key, group)
    }
    return group
  }
  return (path) => at(path ?? [])
}

const STANDARD_FIELDS = new Set(['Title', 'UserName', 'Password', 'URL', 'Notes', 'otp'])

type Entry = kdbxweb.KdbxEntry

function protectedText(text: string): kdbxweb.ProtectedValue {
  return kdbxweb.ProtectedValue.fromString(text)
}

/** KeePass keys fields by name: a custom field may not reuse a standard name or a sibling's. */
function uniqueName(entry: Entry, wanted: string): string {
  const base = wanted.trim() === '' ? 'Field' : wanted
  let name = base
  for (
    let n = 2;
    STANDARD_FIELDS.has(name) || entry.fields.has(name) || /^KP2A_URL/.test(name);
    n++
  ) {
    name = `${base} (${n})`
  }
  return name
}

function setCommon(entry: Entry, title: string, notes: string, tags: string[]): void {
  entry.fields.set('Title', title)
  entry.fields.set('Notes', notes)
  entry.tags = [...tags]
}

function setLoginFields(entry: Entry, login: LoginData, password: string): void {
  setCommon(entry, login.title, login.notes, login.tags)
  entry.fields.set('UserName', login.username)
  entry.fields.set('Password', protectedText(password))
  entry.fields.set('URL', login.urls[0] ?? '')
  login.urls.slice(1).forEach((url, i) => {
    entry.fields.set(i === 0 ? 'KP2A_URL' : `KP2A_URL_${i}`, url)
  })
  for (const field of login.fields) {
    entry.fields.set(
      uniqueName(entry, field.name),
      field.secret ? protectedText(field.value) : field.value,
    )
  }
}

function writeLogin(
  db: kdbxweb.Kdbx,
  group: kdbxweb.KdbxGroup,
  item: ItemRecord,
  login: LoginData,
  key: OtpData | null,
) {
  const entry = db.createEntry(group)
  entry.times.creationTime = new Date(item.createdAt)
  // A KeePass history version is dated when it was made; a password was replaced when the next
  // version was made. So version i carries the time its predecessor was replaced, and the
  // current entry the time of the last replacement (what a KeePass reader reads back).
  const history = [...login.passwordHistory].sort((a, b) => a.replacedAt - b.replacedAt)
  let madeAt = item.createdAt
  for (const old of history) {
    setLoginFields(entry, login, old.password)
    entry.times.lastModTime = new Date(madeAt)
    entry.pushHistory()
    for (const name of [...entry.fields.keys()]) entry.fields.delete(name)
    madeAt = old.replacedAt
  }
  setLoginFields(entry, login, login.password)
  entry.times.lastModTime = new Date(history.length > 0 ? madeAt : item.updatedAt)
  if (key) entry.fields.set('otp', protectedText(formatOtpauthUri(key)))
}

function writeOtp(db: kdbxweb.Kdbx, group: kdbxweb.KdbxGroup, key: OtpData) {
  const entry = db.createEntry(group)
  setCommon(entry, key.title || otpKeyLabel(key), key.notes, key.tags)
  entry.fields.set('UserName', key.account)
  entry.fields.set('Password', protectedText(''))
  entry.fields.set('URL', '')
  entry.fields.set('otp', protectedText(formatOtpauthUri(key)))
}

function writeRecoveryCodes(db: kdbxweb.Kdbx, group: kdbxweb.KdbxGroup, codes: RecoveryCodesData) {
  const entry = db.createEntry(group)
  const lines = codes.codes.map((c) => (c.used ? `${c.code} (used)` : c.code))
  const heading = codes.issuer ? `Recovery codes for ${codes.issuer}:` : 'Recovery codes:'
  const body = [heading, ...lines].join('\n') + (codes.notes ? `\n\n${codes.notes}` : '')
  setCommon(entry, codes.title || codes.issuer || 'Recovery codes', body, codes.tags)
  entry.fields.set('UserName', '')
  entry.fields.set('Password', protectedText(''))
  entry.fields.set('URL', '')
}

function writeNote(db: kdbxweb.Kdbx, group: kdbxweb.KdbxGroup, note: NoteData) {
  const entry = db.createEntry(group)
  setCommon(entry, note.title, note.body, note.tags)
  entry.fields.set('UserName', '')
  entry.fields.set('Password', protectedText(''))
  entry.fields.set('URL', '')
}

/** True when a reader rebuilding the key from the login (its title, no notes, its tags) loses nothing. */
function addsNothing(key: OtpData, login: LoginData): boolean {
  return (
    (key.title === '' || key.title === login.title) &&
    key.notes === '' &&
    key.tags.every((t) => login.tags.includes(t)) &&
    key.tags.length === login.tags.length
  )
}

/** The KDBX 4 bytes of the live items. Throws CairnError INVALID_ARGUMENT for an empty password. */
export async function exportKdbx(
  items: readonly ItemRecord[],
  password: string,
  options: KdbxExportOptions = {},
): Promise<Uint8Array> {
  if (password === '') {
    throw new CairnError('INVALID_ARGUMENT', 'a KeePass export needs a password to encrypt it')
  }
  const live = items.filter((i) => i.deletedAt === null)
  const keys = new Map<string, OtpData>()
  for (const item of live) if (item.data.type === 'otp') keys.set(item.id, item.data)
  // A key is written only inside the logins that show it when that loses nothing of its own;
  // otherwise it also gets its own entry (first, so that a reader that skips repeated keys
  // keeps that fuller one).
  const embeddedOnly = new Set<string>()
  const ownEntry = new Set<string>()
  for (const item of live) {
    const link = item.data.type === 'login' ? item.data.otpLink : null
    const key = link ? keys.get(link.itemId) : undefined
    if (!link || !key || item.data.type !== 'login') continue
    if (addsNothing(key, item.data)) embeddedOnly.add(link.itemId)
    else ownEntry.add(link.itemId)
  }
  for (const id of ownEntry) embeddedOnly.delete(id)

  const credentials = new kdbxweb.KdbxCredentials(protectedText(password))
  await credentials.ready
  const db = kdbxweb.Kdbx.create(credentials, options.databaseName ?? 'Cairn export')
  db.setVersion(4)
  db.setKdf(kdbxweb.Consts.KdfId.Argon2id)
  const argon2 = options.argon2 ?? ARGON2_FLOOR
  const params = db.header.kdfParameters
  const UInt64 = kdbxweb.VarDictionary.ValueType.UInt64
  params?.set('M', UInt64, kdbxweb.Int64.from(argon2.memoryKiB * 1024))
  params?.set('I', UInt64, kdbxweb.Int64.from(argon2.iterations))
  params?.set('P', kdbxweb.VarDictionary.ValueType.UInt32, argon2.parallelism)
  db.header.dataCipherUuid = new kdbxweb.KdbxUuid(kdbxweb.Consts.CipherId.Aes)
  const groupAt = groupMaker(db)
  for (const path of [...(options.groups ?? [])].sort((a, b) => a.length - b.length)) groupAt(path)

  const ordered = [
    ...live.filter((i) => i.data.type === 'otp'),
    ...live.filter((i) => i.data.type !== 'otp'),
  ]
  for (const item of ordered) {
    const data = item.data
    const group = groupAt(data.group)
    switch (data.type) {
      case 'login': {
        const linked = data.otpLink ? (keys.get(data.otpLink.itemId) ?? null) : null
        writeLogin(db, group, item, data, linked)
        break
      }
      case 'otp':
        if (!embeddedOnly.has(item.id)) writeOtp(db, group, data)
        break
      case 'recovery-codes':
        writeRecoveryCodes(db, group, data)
        break
      case 'note':
        writeNote(db, group, data)
        break
    }
  }
  return new Uint8Array(await db.save())
}
