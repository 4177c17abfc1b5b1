// Main's messages about a 2FA key name the rule that failed in the terms of the format
// ("base32", "parameter"); the form says the same thing as a person would, and what to do.

const RULES: [RegExp, (m: RegExpMatchArray) => string][] = [
  [
    /character outside A-Z and 2-7 at position (\d+)/,
    (m) =>
      `A secret key has only the letters A to Z and the digits 2 to 7, but character ${m[1]} is something else. Look for a 0 (zero), 1 (one), 8, 9 or a symbol.`,
  ],
  [
    /impossible length/,
    () => 'The secret key seems to be missing a character: check that you copied all of it.',
  ],
  [/base32 text is empty/, () => 'Type the secret key the site shows.'],
  [/padding \(=\)/, () => 'The secret key has an “=” in the middle: only its end may have them.'],
  [
    /secret is too short/,
    () => 'This secret key is too short to be a real one: check that you copied all of it.',
  ],
  [
    /secret is too long/,
    () => 'This is longer than any secret key: check that you pasted only the key.',
  ],
  [
    /not an otpauth:\/\/ URI/,
    () =>
      'This is not a 2FA setup link: such a link begins with otpauth://totp/ or otpauth://hotp/.',
  ],
  [
    /missing secret parameter/,
    () => 'The link has no secret key in it: copy the whole link again.',
  ],
  [/percent-encoding/, () => 'The link is damaged (a stray “%”): copy it again.'],
  [
    /OTP type/,
    () =>
      'The link does not say whether its codes are time-based (totp) or counter-based (hotp): copy the whole link again.',
  ],
  [
    /unknown algorithm/,
    () => 'The link asks for an algorithm Cairn does not know (it knows SHA1, SHA256 and SHA512).',
  ],
  [/missing the counter/, () => 'This counter-based link does not say where its counter starts.'],
  [
    /appears more than once/,
    () => 'The link says the same thing twice: copy it again from the site.',
  ],
  [/digits must be/, () => 'Codes have 6, 7 or 8 digits; this link asks for another number.'],
  [/period must be/, () => 'The code period must be a whole number of seconds, from 1 to 86400.'],
]

/** The message for a person; unknown messages pass through as one sentence. */
export function plainOtpProblem(message: string): string {
  for (const [pattern, say] of RULES) {
    const match = message.match(pattern)
    if (match) return say(match)
  }
  const sentence = message.charAt(0).toUpperCase() + message.slice(1)
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`
}
