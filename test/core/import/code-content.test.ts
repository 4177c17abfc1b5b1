import { describe, expect, it } from 'vitest'
import { classifyCode, classifyContent } from '../../../src-main/core/import/code-content.ts'
import { migrationUri } from '../migration/fixtures/migration-encoder.ts'

describe('classifyContent', () => {
  it('reads an otpauth URI as one key', () => {
    const content = classifyContent(
      'otpauth://totp/Example:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example',
    )
    expect(content).toMatchObject({
      type: 'otpauth',
      key: {
        kind: 'totp',
        issuer: 'Example',
        account: 'alice@example.com',
        secret: 'JBSWY3DPEHPK3PXP',
      },
    })
  })

  it('reads a migration URI as its accounts with the batch position', () => {
    const uri = migrationUri({
      accounts: [{ secret: Uint8Array.from({ length: 10 }, (_, i) => i), name: 'a' }],
      batchSize: 2,
      batchIndex: 0,
      batchId: 77,
    })
    const content = classifyContent(uri)
    expect(content).toMatchObject({
      type: 'migration',
      batch: { batchId: 77, batchIndex: 0, batchSize: 2 },
      entries: [{ ok: true, key: { account: 'a' } }],
    })
  })

  it('names a 2FA code it cannot read without showing its secret', () => {
    const content = classifyContent('otpauth://totp/x?secret=JBSWY3DPEHPK3PX1')
    expect(content).toMatchObject({ type: 'unreadable-otp', scheme: 'otpauth' })
    expect(JSON.stringify(content)).not.toContain('JBSWY3DPEHPK3PX1')
    expect(classifyContent('otpauth-migration://offline?data=@@@')).toMatchObject({
      type: 'unreadable-otp',
      scheme: 'otpauth-migration',
    })
  })

  it('shows only the origin of a web address', () => {
    expect(classifyContent('https://example.com/reset?token=s3cr3t')).toEqual({
      type: 'not-otp',
      kind: 'url',
      preview: 'https://example.com/…',
    })
    expect(classifyContent('http://user:pw@Example.org')).toEqual({
      type: 'not-otp',
      kind: 'url',
      preview: 'http://example.org',
    })
  })

  it('shows a Wi-Fi code by network name only, its control and bidi characters defused', () => {
    const content = classifyContent('WIFI:T:WPA;S:Cafe\\;Net;P:hunter2;;')
    expect(content).toEqual({ type: 'not-otp', kind: 'wifi', preview: 'network Cafe;Net' })
    expect(classifyContent('WIFI:S:Bad\u001b[31m\u202eNet;;')).toEqual({
      type: 'not-otp',
      kind: 'wifi',
      preview: 'network Bad?[31m?Net',
    })
  })

  it('shows text only by its length: any text may be a secret', () => {
    const text = 'Hello\u001b[31m world\u202e with a long tail that goes on and on'
    expect(classifyContent(text)).toEqual({
      type: 'not-otp',
      kind: 'text',
      preview: `${[...text].length} characters`,
    })
    expect(classifyContent('p@ssw0rd!')).toEqual({
      type: 'not-otp',
      kind: 'text',
      preview: '9 characters',
    })
    expect(classifyContent('   ')).toEqual({ type: 'not-otp', kind: 'empty', preview: '' })
  })

  it('names a bare base32 secret as such, whole or grouped by four, without showing it', () => {
    for (const [secret, length] of [
      ['JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', 32],
      ['jbsw y3dp ehpk 3pxp', 19],
      ['GEZD-GNBV-GY3T-QOJQ-GE', 22],
      ['MFRGGZDFMZTWQ2LK====', 20],
    ] as const) {
      expect(classifyContent(secret)).toEqual({
        type: 'not-otp',
        kind: 'secret',
        preview: `${length} characters`,
      })
    }
    // Too short for a secret, words not grouped like one, or not base32 at all.
    for (const text of ['JBSWY3DPEHPK3PX', 'hello world this is', 'JBSWY3DPEHPK3PX1']) {
      expect(classifyContent(text)).toMatchObject({ kind: 'text' })
    }
  })
})

describe('classifyCode', () => {
  const utf8 = (text: string) => new TextEncoder().encode(text)

  it('calls bytes that are not UTF-8 binary, and only a code without bytes empty', () => {
    expect(classifyCode({ text: '', bytes: Uint8Array.from([0xc3, 0x28, 0xff]) })).toEqual({
      type: 'not-otp',
      kind: 'binary',
      preview: '3 bytes',
    })
    expect(classifyCode({ text: '', bytes: new Uint8Array() })).toEqual({
      type: 'not-otp',
      kind: 'empty',
      preview: '',
    })
  })

  it('reads UTF-8 codes by their text', () => {
    const uri = 'otpauth://totp/Caf%C3%A9?secret=JBSWY3DPEHPK3PXP'
    expect(classifyCode({ text: uri, bytes: utf8(uri) })).toMatchObject({ type: 'otpauth' })
    expect(classifyCode({ text: 'grüße', bytes: utf8('grüße') })).toMatchObject({ kind: 'text' })
  })
})
