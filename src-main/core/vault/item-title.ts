// The name an item goes by wherever it is listed: its own title, else what identifies it (a 2FA
// key's issuer and account, a login's site). The app and the health report use the same words.
import type { ItemData } from './item-types.ts'

export function displayTitle(data: ItemData): string {
  if (data.title.trim()) return data.title.trim()
  switch (data.type) {
    case 'otp':
      return data.issuer || data.account || 'Untitled 2FA key'
    case 'recovery-codes':
      return data.issuer ? `${data.issuer} recovery codes` : 'Untitled recovery codes'
    case 'login':
      return data.urls[0] ? hostOf(data.urls[0]) : data.username || 'Untitled login'
    case 'note':
      return 'Untitled note'
  }
}

/** "https://www.example.com/login" → "www.example.com"; a bare "example.com" is read as a host. */
export function hostOf(url: string): string {
  try {
    return new URL(url.includes('://') ? url : `https://${url}`).hostname || url
  } catch {
    return url
  }
}
