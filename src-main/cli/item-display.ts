// How items read in a terminal and in --json: names, one-line summaries, and the full view with
// secrets masked unless revealed. Which fields are secret is decided here, once. Everything for
// the terminal goes through printable(): titles, names and notes come from the vault or an
// import, and may hold terminal escape sequences.
import { formatOtpauthUri } from '../core/otp/otpauth-uri.ts'
import { otpKeyLabel } from '../core/otp/otp-key.ts'
import type { ItemData, ItemRecord, OtpData } from '../core/vault/item-types.ts'
import type { SearchFields } from '../core/vault/search-index.ts'
import { groupPathText } from '../../src-shared/group-path.ts'
import { printable, printableLines } from './terminal-text.ts'

export const HIDDEN = '•••••• (--reveal to show)'

export function shortId(id: string): string {
  return id.slice(0, 8)
}

/** The name as stored, for JSON. */
function rawName(data: SearchFields): string {
  if (data.type === 'otp') return data.title || otpKeyLabel(data)
  return data.title || '—'
}

/** The name for the terminal and for messages. */
export function itemName(data: SearchFields): string {
  return printable(rawName(data))
}

export function typeLabel(data: ItemData): string {
  switch (data.type) {
    case 'otp':
      return '2fa'
    case 'login':
      return 'login'
    case 'recovery-codes':
      return 'recovery'
    case 'note':
      return 'note'
  }
}

function otpShape(data: OtpData): string {
  if (data.encoder === 'steam') return 'Steam Guard'
  const base = `${data.algorithm}, ${data.digits} digits`
  return data.kind === 'totp' ? `TOTP, ${base}, ${data.period} s` : `HOTP, ${base}`
}

/** One line for `cairn list`. */
export function summaryLine(record: ItemRecord): string {
  const data = record.data
  let detail = ''
  if (data.type === 'otp') {
    detail = data.title && otpKeyLabel(data) !== '—' ? ` — ${printable(otpKeyLabel(data))}` : ''
  } else if (data.type === 'login') {
    detail = printable([data.username, data.urls[0]].filter(Boolean).join('  '))
    detail = detail ? `  ${detail}` : ''
  }
  const group = data.group ? `  [${printable(groupPathText(data.group))}]` : ''
  return `${shortId(record.id)}  ${typeLabel(data).padEnd(8)}  ${itemName(data)}${detail}${group}`
}

/** `cairn list --json`: everything but secrets. */
export function summaryJson(record: ItemRecord): Record<string, unknown> {
  const data = record.data
  const common = {
    id: record.id,
    type: data.type,
    name: rawName(data),
    title: data.title,
    tags: data.tags,
    group: data.group ?? [],
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  }
  switch (data.type) {
    case 'otp':
      return {
        ...common,
        issuer: data.issuer,
        account: data.account,
        kind: data.kind,
        algorithm: data.algorithm,
        digits: data.digits,
        period: data.period,
        encoder: data.encoder,
      }
    case 'login':
      return { ...common, username: data.username, urls: data.urls }
    case 'recovery-codes':
      return {
        ...common,
        issuer: data.issuer,
        codes: data.codes.length,
        unused: data.codes.filter((c) => !c.used).length,
      }
    case 'note':
      return common
  }
}

/** `cairn show --json`: the item with every secret null unless revealed. */
export function detailJson(record: ItemRecord, reveal: boolean): Record<string, unknown> {
  const data = record.data
  const hide = <T>(value: T): T | null => (reveal ? value : null)
  let shown: Record<string, unknown>
  switch (data.type) {
    case 'otp':
      shown = { ...data, secret: hide(data.secret), uri: hide(formatOtpauthUri(data)) }
      break
    case 'login':
      shown = {
        ...data,
        password: hide(data.password),
        fields: data.fields.map((f) => ({ ...f, value: f.secret ? hide(f.value) : f.value })),
        passwordHistory: data.passwordHistory.map((h) => ({ ...h, password: hide(h.password) })),
      }
      break
    case 'recovery-codes':
      shown = { ...data, codes: data.codes.map((c) => ({ ...c, code: hide(c.code) })) }
      break
    case 'note':
      shown = { ...data, body: hide(data.body) }
      break
  }
  return {
    id: record.id,
    revision: record.revision,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    revealed: reveal,
    data: shown,
  }
}

/** `cairn show`: labelled lines; `extra` lets the caller add the live code of a 2FA key. */
export function detailLines(record: ItemRecord, reveal: boolean): [string, string][] {
  const data = record.data
  const secret = (value: string) => (reveal ? value : value === '' ? '' : HIDDEN)
  const lines: [string, string][] = [
    ['Name', itemName(data)],
    ['Id', record.id],
  ]
  switch (data.type) {
    case 'otp':
      lines.push(
        ['Type', `2FA key (${otpShape(data)})`],
        ['Issuer', data.issuer],
        ['Account', data.account],
      )
      if (data.kind === 'hotp') lines.push(['Counter', String(data.counter)])
      lines.push(['Secret', secret(data.secret)])
      if (reveal) lines.push(['URI', formatOtpauthUri(data)])
      break
    case 'login':
      lines.push(
        ['Type', 'login'],
        ['Username', data.username],
        ['Password', secret(data.password)],
      )
      for (const url of data.urls) lines.push(['URL', url])
      for (const field of data.fields) {
        lines.push([field.name, field.secret ? secret(field.value) : field.value])
      }
      if (data.passwordHistory.length > 0) {
        lines.push(['History', `${data.passwordHistory.length} earlier password(s)`])
      }
      break
    case 'recovery-codes':
      lines.push(['Type', 'recovery codes'], ['Issuer', data.issuer])
      data.codes.forEach((c, i) => {
        lines.push([`Code ${i + 1}`, `${secret(c.code)}${c.used ? '  (used)' : ''}`])
      })
      break
    case 'note':
      lines.push(['Type', 'secure note'], ['Body', secret(data.body)])
      break
  }
  if (data.type !== 'note' && data.notes) lines.push(['Notes', data.notes])
  if (data.tags.length > 0) lines.push(['Tags', data.tags.join(', ')])
  if (data.group) lines.push(['Group', groupPathText(data.group)])
  lines.push(
    ['Created', new Date(record.createdAt).toISOString()],
    ['Updated', new Date(record.updatedAt).toISOString()],
  )
  return lines.filter(([, value]) => value !== '')
}

/** "Label: value" lines, aligned; a value of several lines continues under the first. */
export function formatLines(lines: [string, string][]): string[] {
  const labelled = lines.map(([label, value]) => [`${printable(label)}:`, value] as const)
  const width = Math.max(...labelled.map(([label]) => label.length))
  return labelled.flatMap(([label, value]) => {
    const [first = '', ...rest] = printableLines(value)
    return [
      `${label.padEnd(width)} ${first}`,
      ...rest.map((line) => `${' '.repeat(width)} ${line}`),
    ]
  })
}
