// Issuer and account a pasted or scanned URI names: they fill the form's fields only when the URI
// changes, and only fields the user left empty or that still hold the previous URI's labels, so
// what the user typed survives a new preview (a typed secret carries no labels at all).

export interface Labels {
  issuer: string
  account: string
}

export interface ParsedFrom extends Labels {
  uri: string
}

export function mergeParsedLabels(
  current: Labels,
  last: ParsedFrom | null,
  next: ParsedFrom,
): Labels {
  if (last && last.uri === next.uri) return current
  const take = (now: string, before: string | undefined, parsed: string) =>
    now.trim() === '' || now === before ? parsed : now
  return {
    issuer: take(current.issuer, last?.issuer, next.issuer),
    account: take(current.account, last?.account, next.account),
  }
}
