// Unencrypted exports for moving to another app: 2FA keys as otpauth:// URIs (one per line) and
// logins as CSV (RFC 4180). Both put every secret in the clear, so each function demands an explicit
// acknowledgement; callers must warn the person before asking for it. Items in the trash are left
// out. Cells are written exactly (no spreadsheet-formula escaping, which would alter passwords):
// the file is for importing, not for opening in a spreadsheet.
import { CairnError } from '../errors.ts'
import { formatOtpauthUri } from '../otp/otpauth-uri.ts'
import type { ItemRecord, LoginData, OtpData } from '../vault/item-types.ts'

export interface PlainExportOptions {
  /** Must be true: the caller has told the person the output is unencrypted. */
  acknowledgeUnencrypted: boolean
}

export const UNENCRYPTED_WARNING =
  'This export is NOT encrypted: anyone who can read it gets every secret in it. ' +
  'Import it and then delete it securely; do not keep it in a synced or shared folder.'

function requireAcknowledgement(o: PlainExportOptions | undefined): void {
  if (o?.acknowledgeUnencrypted !== true) {
    throw new CairnError(
      'INVALID_ARGUMENT',
      'A plain export is unencrypted: it must be acknowledged explicitly',
    )
  }
}

function live<T extends ItemRecord['data']['type']>(
  items: readonly ItemRecord[],
  type: T,
): (ItemRecord & { data: Extract<ItemRecord['data'], { type: T }> })[] {
  return items.filter(
    (i): i is ItemRecord & { data: Extract<ItemRecord['data'], { type: T }> } =>
      i.deletedAt === null && i.data.type === type,
  )
}

/** One otpauth:// URI per line (LF), for every live 2FA key. */
export function exportOtpauthUris(
  items: readonly ItemRecord[],
  options: PlainExportOptions,
): string {
  requireAcknowledgement(options)
  return live(items, 'otp')
    .map((i) => `${formatOtpauthUri(i.data)}\n`)
    .join('')
}

/** A CSV field per RFC 4180: quoted when it holds a comma, a quote, CR or LF; quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

export function csvRecord(fields: readonly string[]): string {
  return `${fields.map(csvField).join(',')}\r\n`
}

export const LOGIN_CSV_COLUMNS = [
  'title',
  'username',
  'password',
  'url',
  'other_urls',
  'notes',
  'tags',
  'custom_fields',
  'otpauth',
] as const

/**
 * Every live login as one CSV record (CRLF line ends, header line first). Several URLs: the first
 * in `url`, the rest one per line in `other_urls`; custom fields as "name: value" lines; `otpauth`
 * holds the URI of the 2FA key the login links to, when that key is among `items`.
 */
export function exportLoginsCsv(items: readonly ItemRecord[], options: PlainExportOptions): string {
  requireAcknowledgement(options)
  const otpById = new Map<string, OtpData>(live(items, 'otp').map((i) => [i.id, i.data]))
  const rows = live(items, 'login').map(({ data }: { data: LoginData }) => {
    const linked = data.otpLink ? otpById.get(data.otpLink.itemId) : undefined
    return csvRecord([
      data.title,
      data.username,
      data.password,
      data.urls[0] ?? '',
      data.urls.slice(1).join('\n'),
      data.notes,
      data.tags.join(', '),
      data.fields.map((f) => `${f.name}: ${f.value}`).join('\n'),
      linked ? formatOtpauthUri(linked) : '',
    ])
  })
  return csvRecord(LOGIN_CSV_COLUMNS) + rows.join('')
}
