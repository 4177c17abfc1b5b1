// How QUERY picks items: case-insensitively against the names a person would type — the name
// `list` shows; title, issuer and account of 2FA keys; title and username of logins; title (and
// issuer) of the rest — or against the item id, in full or its first 4+ characters. Exact
// matches win over partial ones, so "Google" still picks "Google" when "Google Cloud" exists too.
import type { ItemRecord } from '../core/vault/item-types.ts'
import { CliError } from './cli-error.ts'
import { itemName, shortId } from './item-display.ts'

function searchableNames(record: ItemRecord): string[] {
  const data = record.data
  return [itemName(data), ...ownNames(data)]
}

function ownNames(data: ItemRecord['data']): string[] {
  switch (data.type) {
    case 'otp':
      return [data.title, data.issuer, data.account]
    case 'login':
      return [data.title, data.username]
    case 'recovery-codes':
      return [data.title, data.issuer]
    case 'note':
      return [data.title]
  }
}

const fold = (text: string) => text.normalize('NFC').toLowerCase()

export function findItems(records: readonly ItemRecord[], query: string): ItemRecord[] {
  const wanted = fold(query.trim())
  if (wanted === '') return []
  const exact: ItemRecord[] = []
  const partial: ItemRecord[] = []
  for (const record of records) {
    const id = record.id.toLowerCase()
    const names = searchableNames(record).filter(Boolean).map(fold)
    if (id === wanted || names.includes(wanted)) exact.push(record)
    else if (
      (wanted.length >= 4 && id.startsWith(wanted)) ||
      names.some((n) => n.includes(wanted))
    ) {
      partial.push(record)
    }
  }
  return exact.length > 0 ? exact : partial
}

/** Exactly one match, or a CliError that says what matched (one line, at most five names). */
export function findOne(records: readonly ItemRecord[], query: string, what: string): ItemRecord {
  const matches = findItems(records, query)
  const [only] = matches
  if (matches.length === 0 || only === undefined) {
    throw new CliError(`no ${what} matches '${query}'`)
  }
  if (matches.length > 1) {
    const shown = matches.slice(0, 5).map((r) => `${itemName(r.data)} [${shortId(r.id)}]`)
    const more = matches.length > 5 ? ` and ${matches.length - 5} more` : ''
    throw new CliError(
      `'${query}' matches ${matches.length} items: ${shown.join(', ')}${more}; use a longer query or the id`,
    )
  }
  return only
}
