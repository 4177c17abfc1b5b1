// How QUERY picks items: case-insensitively against the names a person would type — the name
// `list` shows; title, issuer and account of 2FA keys; title and username of logins; title (and
// issuer) of the rest — or against the item id, in full or its first 4+ characters. Exact
// matches win over partial ones, so "Google" still picks "Google" when "Google Cloud" exists too.
import type { ItemRecord } from '../core/vault/item-types.ts'
import type { SearchFields } from '../core/vault/search-index.ts'
import { AmbiguousQueryError, CliError } from './cli-error.ts'
import type { CommandContext } from './cli-types.ts'
import { itemName, shortId } from './item-display.ts'

/** The names QUERY is compared with, folded for comparison. */
export function searchableNames(data: SearchFields): string[] {
  return [itemName(data), ...ownNames(data)].filter(Boolean).map(fold)
}

function ownNames(data: SearchFields): string[] {
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

/** What matching needs of an item: its id and its folded names. */
export interface SearchEntry {
  id: string
  names: readonly string[]
}

/** The entries QUERY picks, exact matches only when there are any. */
export function matchEntries<T extends SearchEntry>(entries: Iterable<T>, query: string): T[] {
  const wanted = fold(query.trim())
  if (wanted === '') return []
  const exact: T[] = []
  const partial: T[] = []
  for (const entry of entries) {
    const id = entry.id.toLowerCase()
    const names = entry.names
    if (id === wanted || names.includes(wanted)) exact.push(entry)
    else if (
      (wanted.length >= 4 && id.startsWith(wanted)) ||
      names.some((n) => n.includes(wanted))
    ) {
      partial.push(entry)
    }
  }
  return exact.length > 0 ? exact : partial
}

export function findItems(records: readonly ItemRecord[], query: string): ItemRecord[] {
  return matchEntries(
    records.map((record) => ({ id: record.id, names: searchableNames(record.data), record })),
    query,
  ).map((e) => e.record)
}

function ambiguous(matches: readonly ItemRecord[], query: string): AmbiguousQueryError {
  const shown = matches.slice(0, 5).map((r) => `${itemName(r.data)} [${shortId(r.id)}]`)
  const more = matches.length > 5 ? ` and ${matches.length - 5} more` : ''
  return new AmbiguousQueryError(
    `'${query}' matches ${matches.length} items: ${shown.join(', ')}${more}; use a longer query or the id`,
    query,
    matches.map((r) => ({ id: r.id, name: itemName(r.data) })),
  )
}

/** Exactly one match, or a CliError that says what matched (one line, at most five names). */
export function findOne(
  records: readonly ItemRecord[],
  query: string,
  what: string,
  alreadyMatched = false,
): ItemRecord {
  const matches = alreadyMatched ? records : findItems(records, query)
  const [only] = matches
  if (matches.length === 0 || only === undefined) {
    throw new CliError(`no ${what} matches '${query}'`)
  }
  if (matches.length > 1) throw ambiguous(matches, query)
  return only
}

/**
 * The one item among `matches` (what QUERY matched). With several in a terminal the person picks
 * one from a list; inside the agent the ambiguity travels back to the cairn process, which offers
 * the same list.
 */
export async function chooseMatch(
  context: CommandContext,
  matches: readonly ItemRecord[],
  query: string,
  what: string,
): Promise<ItemRecord> {
  if (matches.length <= 1 || context.agent || !canPick(context)) {
    return findOne(matches, query, what, true)
  }
  const { pickFromList } = await import('./pick-list.ts')
  const id = await pickFromList(
    matches.map((r) => ({ id: r.id, name: itemName(r.data) })),
    context.io.stdin,
  )
  return matches.find((r) => r.id === id) ?? findOne(matches, query, what, true)
}

export function canPick(context: Pick<CommandContext, 'io'>): boolean {
  return context.io.stdin.isTTY === true && process.stderr.isTTY === true
}
