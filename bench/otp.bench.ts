// Codes for 1,000 keys: what the app does every period for a large vault, and what `cairn code`
// does once. Also the same 1,000 SHA-1 codes through otplib with node:crypto's HMAC, to show why
// the engine keeps otplib's default noble plugin (createHmac's per-call setup costs more than
// hashing 8 bytes).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { generateSync } from '@otplib/totp'
import { NobleCryptoPlugin, createGuardrails, type CryptoPlugin, type HashAlgorithm } from 'otplib'
import { encodeBase32 } from '../src-main/core/otp/base32.ts'
import { currentCode, hotpCode, totpCode } from '../src-main/core/otp/otp-codes.ts'
import type { OtpKey } from '../src-main/core/otp/otp-types.ts'
import type { BenchFigure, BenchModule } from './bench-types.ts'
import { medianMs } from './measure.ts'

const KEYS = 1000

function mixedKeys(): OtpKey[] {
  const algorithms = ['SHA1', 'SHA1', 'SHA1', 'SHA256', 'SHA512'] as const
  return Array.from({ length: KEYS }, (_, i) => ({
    kind: i % 20 === 0 ? 'hotp' : 'totp',
    secret: encodeBase32(randomBytes(i % 2 === 0 ? 10 : 20)),
    issuer: `Service ${i}`,
    account: `user${i}@example.com`,
    algorithm: algorithms[i % algorithms.length] ?? 'SHA1',
    digits: 6 + (i % 3),
    period: i % 10 === 0 ? 60 : 30,
    counter: i,
    encoder: i % 50 === 1 ? 'steam' : 'standard',
  }))
}

const nodeCrypto: CryptoPlugin = {
  name: 'node-crypto',
  hmac: (algorithm: HashAlgorithm, key: Uint8Array, data: Uint8Array) =>
    new Uint8Array(createHmac(algorithm, key).update(data).digest()),
  randomBytes: (length: number) => new Uint8Array(randomBytes(length)),
  constantTimeEqual: (a, b) => {
    const x = Buffer.from(a)
    const y = Buffer.from(b)
    return x.length === y.length && timingSafeEqual(x, y)
  },
}

const bench: BenchModule = async () => {
  const keys = mixedKeys()
  const now = Date.now()
  const allCodes = () => {
    for (const key of keys) currentCode(key, now)
  }
  const cold = await medianMs(allCodes, { runs: 1, warmup: 0 })
  const warm = await medianMs(allCodes, { runs: 15, warmup: 2 })
  const oneEach = await medianMs(
    () => {
      for (const key of keys) {
        if (key.kind === 'totp') totpCode(key, now / 1000)
        else hotpCode(key, key.counter)
      }
    },
    { runs: 15, warmup: 2 },
  )

  const guardrails = createGuardrails({ MIN_SECRET_BYTES: 10 })
  const secrets = keys.map(() => new Uint8Array(randomBytes(20)))
  const rawOtplib = (crypto: CryptoPlugin) => () => {
    for (const secret of secrets) generateSync({ secret, crypto, guardrails, epoch: now / 1000 })
  }
  const noble = await medianMs(rawOtplib(new NobleCryptoPlugin()), { runs: 15, warmup: 2 })
  const node = await medianMs(rawOtplib(nodeCrypto), { runs: 15, warmup: 2 })

  const figures: BenchFigure[] = [
    {
      name: '1,000 codes (one per key, mixed)',
      value: oneEach,
      unit: 'ms',
      goal: '≤ 20 ms',
      note: 'median of 15; SHA-1/256/512, 6–8 digits, Steam, HOTP',
    },
    {
      name: 'currentCode for 1,000 keys (current + next = 2,000 codes)',
      value: warm,
      unit: 'ms',
      note: 'what the app refreshes each period',
    },
    { name: 'currentCode for 1,000 keys, first call (cold JIT)', value: cold, unit: 'ms' },
    { name: '1,000 SHA-1 codes, otplib + noble HMAC (used)', value: noble, unit: 'ms' },
    { name: '1,000 SHA-1 codes, otplib + node:crypto HMAC', value: node, unit: 'ms' },
  ]
  return figures
}

export default bench
