// Steam Guard codes are RFC 6238 TOTP (HMAC-SHA1, 30 s, dynamic truncation) with a different last
// step: the 31-bit truncated value is written in base 26 over Steam's alphabet, least significant
// character first, five characters long. otplib lets us replace only that step (hooks.encodeToken).

export const STEAM_ALPHABET = '23456789BCDFGHJKMNPQRTVWXY'

export function encodeSteamToken(truncatedValue: number, length: number): string {
  let value = truncatedValue
  let out = ''
  for (let i = 0; i < length; i++) {
    out += STEAM_ALPHABET[value % STEAM_ALPHABET.length]
    value = Math.floor(value / STEAM_ALPHABET.length)
  }
  return out
}
