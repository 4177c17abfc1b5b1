// Small display helpers.

/** "123456" → "123 456", "12345678" → "1234 5678"; Steam's five characters stay whole. */
export function groupCode(code: string): string {
  if (code.length === 6) return `${code.slice(0, 3)} ${code.slice(3)}`
  if (code.length === 8) return `${code.slice(0, 4)} ${code.slice(4)}`
  return code
}

/** The one way the window writes a moment: the system's medium date and short time. */
export function formatDate(ms: number): string {
  return new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })
}

/** A day alone, in the same style as formatDate. */
export function formatDay(ms: number): string {
  return new Date(ms).toLocaleDateString(undefined, { dateStyle: 'medium' })
}

export function initials(text: string): string {
  const letter = [...text.trim()][0]
  return letter ? letter.toUpperCase() : '·'
}

/** A count as the window writes numbers: grouped by thousands ("1,000"). */
export function formatCount(n: number): string {
  return n.toLocaleString('en')
}
