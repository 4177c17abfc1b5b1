// The words that describe a 2FA key, shared by the core and the renderer.
export type OtpKind = 'totp' | 'hotp'
export type OtpAlgorithm = 'SHA1' | 'SHA256' | 'SHA512'
/** 'steam' codes are five characters from Steam's alphabet, HMAC-SHA1, 30 s. */
export type OtpEncoder = 'standard' | 'steam'
