// Item data for the benchmarks' 10,000-item vaults: every third a 2FA key, the rest logins.
import { randomBytes } from 'node:crypto'
import type { ItemData, LoginData } from '../src-main/core/vault/item-types.ts'

export function sampleLogin(i: number): LoginData {
  return {
    type: 'login',
    title: `Site number ${i}`,
    username: `user${i}@example.com`,
    password: randomBytes(15).toString('base64'),
    urls: [`https://site${i}.example.com/login`],
    notes: i % 10 === 0 ? 'Security questions: first pet, street of birth.' : '',
    tags: ['personal'],
    fields: [],
    passwordHistory: [],
    otpLink: null,
  }
}

export function sampleItem(i: number): ItemData {
  if (i % 3 === 0) {
    return {
      type: 'otp',
      kind: 'totp',
      secret: randomBytes(20)
        .toString('hex')
        .toUpperCase()
        .replace(/[0189]/g, 'A'),
      issuer: `Service ${i}`,
      account: `user${i}@example.com`,
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: 0,
      encoder: 'standard',
      title: '',
      notes: '',
      tags: ['2fa'],
    }
  }
  return sampleLogin(i)
}
