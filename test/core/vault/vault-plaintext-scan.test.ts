// After writing known secrets, none of them may appear in the vault file, its WAL or a rollback
// journal: not raw, not hex, not base32. The vault's name (stored in the clear on purpose) is
// searched the same way as a control, proving the scan finds what is there.
import { existsSync, readFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openVault } from '../../../src-main/core/vault/vault-file.ts'
import { PASSWORD, login, newVault, note, otp, recoveryCodes, tempDir } from './vault-fixtures.ts'

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
function base32(bytes: Uint8Array): string {
  let bits = 0
  let value = 0
  let out = ''
  for (const b of bytes) {
    value = (value << 8) | b
    bits += 8
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31]
      bits -= 5
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31]
  return out
}
function base32Decode(text: string): Buffer {
  let bits = 0
  let value = 0
  const out: number[] = []
  for (const c of text) {
    value = (value << 5) | BASE32.indexOf(c)
    bits += 5
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff)
      bits -= 8
    }
  }
  return Buffer.from(out)
}

/** Every encoding of `secret` the scan looks for. */
function needles(secret: string): [string, Buffer][] {
  const raw = Buffer.from(secret, 'utf8')
  const hex = raw.toString('hex')
  return [
    ['raw', raw],
    ['utf-16', Buffer.from(secret, 'utf16le')],
    ['hex', Buffer.from(hex)],
    ['HEX', Buffer.from(hex.toUpperCase())],
    ['base32', Buffer.from(base32(raw))],
    ['base64', Buffer.from(raw.toString('base64').replace(/=+$/, ''))],
  ]
}

const OTP_SECRET = 'JBSWY3DPEHPK3PXPKRSXG5BAON2HE2LOM4QQ' // base32 of "Hello!\xde\xad\xbe\xefTest string!"
const secrets = [
  PASSWORD,
  'Login-Password-7Qx!Zp',
  'username-ghost-93817',
  'https://intranet.secret-host.example/login',
  'Custom-Field-Value-55120',
  'Old-Password-From-History-4411',
  OTP_SECRET,
  'Note body: the safe combination is 31-07-59',
  'rcvry-9f8e-7d6c',
  'Replaced-Password-Before-Update-0042',
]

function scan(files: string[]): string[] {
  const found: string[] = []
  for (const f of files.filter((x) => existsSync(x))) {
    const bytes = readFileSync(f)
    for (const s of secrets) {
      for (const [how, needle] of needles(s))
        if (bytes.includes(needle)) found.push(`${s} (${how}) in ${f}`)
    }
    // The OTP key's decoded bytes, raw and as hex.
    const key = base32Decode(OTP_SECRET)
    if (bytes.includes(key)) found.push(`otp key bytes in ${f}`)
    if (bytes.includes(Buffer.from(key.toString('hex')))) found.push(`otp key hex in ${f}`)
  }
  return found
}

let tmp: ReturnType<typeof tempDir>
beforeEach(() => (tmp = tempDir()))
afterEach(() => tmp.cleanup())

describe('plaintext scan', () => {
  it('no secret reaches the vault file, -wal or -journal, while open or after lock', async () => {
    const path = tmp.file('scan.cairn')
    const files = [path, `${path}-wal`, `${path}-journal`]
    const v = await newVault(path)
    const a = v.add(
      login({
        password: 'Replaced-Password-Before-Update-0042',
        username: 'username-ghost-93817',
        urls: ['https://intranet.secret-host.example/login'],
        fields: [{ name: 'token', value: 'Custom-Field-Value-55120', secret: true }],
        passwordHistory: [{ password: 'Old-Password-From-History-4411', replacedAt: 1 }],
      }),
    )
    v.update(a.id, {
      ...(v.get(a.id).data as ReturnType<typeof login>),
      password: 'Login-Password-7Qx!Zp',
    })
    v.add(otp({ secret: OTP_SECRET }))
    v.add(note({ body: 'Note body: the safe combination is 31-07-59' }))
    const codes = v.add(recoveryCodes({ codes: [{ code: 'rcvry-9f8e-7d6c', used: false }] }))
    v.trash(codes.id)

    expect(existsSync(`${path}-wal`)).toBe(true) // the scan covers live WAL content too
    expect(scan(files)).toEqual([])
    v.lock()
    expect(scan(files)).toEqual([])

    const u = await openVault(path).unlock({ kind: 'password', password: PASSWORD })
    u.purge(codes.id)
    await u.changePassword('Replaced-Password-Before-Update-0042x')
    expect(scan(files)).toEqual([])
    u.lock()
    expect(scan(files)).toEqual([])
  })

  it('control: the scan does find text that is stored in the clear (the vault name)', async () => {
    const path = tmp.file('control.cairn')
    ;(await newVault(path)).lock()
    const bytes = readFileSync(path)
    expect(bytes.includes(Buffer.from('Test vault'))).toBe(true)
    expect(needles('Test vault').some(([, n]) => bytes.includes(n))).toBe(true)
  })
})
