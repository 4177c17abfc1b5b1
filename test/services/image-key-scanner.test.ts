// The add-key dialog's image scan, on real images drawn by the QR tests' synthetic screens and
// read by the real scanner on its worker thread.
import { afterAll, describe, expect, it } from 'vitest'
import { qrScanner } from '../../src-main/services/core-pieces.ts'
import { migrationUri } from '../core/migration/fixtures/migration-encoder.ts'
import { HOTP_CAROL, TOTP_ALICE, TOTP_BOB, WEB_ADDRESS } from '../core/qr/fixtures/screens.ts'
import { SyntheticScreen } from '../core/qr/fixtures/synthetic-screen.ts'

const qr = qrScanner()
afterAll(() => qr.close())

function screenWith(...codes: string[]): Uint8Array {
  const screen = new SyntheticScreen(1280, 720, 7).desktop('light')
  codes.forEach((text, i) => screen.qr(text, 80 + i * 400, 200, { modulePx: 4 }))
  return screen.toPng()
}

describe('image key scanner', () => {
  it('finds every 2FA key in an image, in reading order', async () => {
    const found = await qr.scanner.scanForKeys(screenWith(TOTP_ALICE, TOTP_BOB, HOTP_CAROL))
    expect(found.keys.map((k) => [k.issuer, k.account, k.kind])).toEqual([
      ['Example', 'alice@example.com', 'totp'],
      ['GitHub', 'bob', 'totp'],
      ['Bank', 'carol', 'hotp'],
    ])
    expect(found.keys[2]?.counter).toBe(42)
    expect(found).toMatchObject({ notOtp: [], missing: null })
  })

  it('says what a QR code holds when it is not a 2FA key', async () => {
    const found = await qr.scanner.scanForKeys(screenWith(WEB_ADDRESS, TOTP_ALICE))
    expect(found.keys).toHaveLength(1)
    expect(found.notOtp).toEqual([
      'QR code 1 holds a web address (https://example.com/…), not a 2FA key',
    ])
  })

  it('reads a Google Authenticator export part and names the parts still missing', async () => {
    const uri = migrationUri({
      accounts: [
        { secret: new Uint8Array(10).fill(7), name: 'GitHub:ada', issuer: 'GitHub', type: 2 },
        { secret: new Uint8Array(20).fill(9), name: 'ada', issuer: 'Bank', type: 1, counter: 5n },
      ],
      batchSize: 3,
      batchIndex: 0,
      batchId: 77,
    })
    const found = await qr.scanner.scanForKeys(screenWith(uri))
    expect(found.keys.map((k) => [k.issuer, k.kind, k.counter])).toEqual([
      ['GitHub', 'totp', 0],
      ['Bank', 'hotp', 5],
    ])
    expect(found.missing).toBe(
      'This Google Authenticator export has 3 parts: parts 2 and 3 are not in this image.',
    )
  })

  it('describes text only by its length, and points a bare secret to the secret tab', async () => {
    const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'
    const found = await qr.scanner.scanForKeys(screenWith(secret, 'Meet at noon, door code 4711'))
    expect(found.keys).toEqual([])
    expect(found.notOtp).toEqual([
      'QR code 1 holds text (32 characters) that looks like a bare 2FA secret: add it with Add → Type the secret',
      'QR code 2 holds text (28 characters), not a 2FA key',
    ])
  })

  it('refuses an export part that claims two billion parts, keeping the other keys', async () => {
    const huge = migrationUri({
      accounts: [{ secret: new Uint8Array(10).fill(7), name: 'x' }],
      batchSize: 2 ** 31 - 1,
    })
    const found = await qr.scanner.scanForKeys(screenWith(huge, TOTP_ALICE))
    expect(found.keys.map((k) => k.issuer)).toEqual(['Example'])
    expect(found.notOtp).toEqual([
      'QR code 1 is a 2FA code that cannot be read: Damaged Google Authenticator export: it claims 2147483647 parts; exports have at most 100',
    ])
    expect(found.missing).toBeNull()
  })

  it('finds nothing in an image without a code, and refuses bytes that are not an image', async () => {
    const blank = new SyntheticScreen(800, 600, 3).desktop('dark').toPng()
    expect(await qr.scanner.scanForKeys(blank)).toEqual({ keys: [], notOtp: [], missing: null })
    await expect(qr.scanner.scanForKeys(new TextEncoder().encode('hello'))).rejects.toMatchObject({
      code: 'MALFORMED_IMAGE',
    })
  })
})
