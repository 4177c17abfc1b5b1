// Plain exports: otpauth URIs that parse back to the same keys, and RFC 4180 CSV that a strict
// parser reads back to the same logins. Neither runs without the explicit acknowledgement.
import { describe, expect, it } from 'vitest'
import {
  LOGIN_CSV_COLUMNS,
  csvField,
  exportLoginsCsv,
  exportOtpauthUris,
} from '../../../src-main/core/backup/plain-export.ts'
import { isCairnError } from '../../../src-main/core/errors.ts'
import { parseOtpauthUri } from '../../../src-main/core/otp/otpauth-uri.ts'
import type { ItemData, ItemRecord } from '../../../src-main/core/vault/item-types.ts'
import { login, note, otp } from '../vault/vault-fixtures.ts'

const ack = { acknowledgeUnencrypted: true }
let n = 0
function rec(data: ItemData, deletedAt: number | null = null): ItemRecord {
  n++
  const id = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`
  return { id, revision: 1, createdAt: n, updatedAt: n, deletedAt, data }
}

/** A strict RFC 4180 reader (CRLF records, quoted fields with doubled quotes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let i = 0
  while (i < text.length) {
    let field = ''
    if (text[i] === '"') {
      i++
      for (;;) {
        if (text[i] === '"' && text[i + 1] === '"') {
          field += '"'
          i += 2
        } else if (text[i] === '"') {
          i++
          break
        } else if (i >= text.length) {
          throw new Error('unterminated quote')
        } else field += text[i++]
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r') {
        if (text[i] === '"' || text[i] === '\n') throw new Error(`bare ${text[i]} at ${i}`)
        field += text[i++]
      }
    }
    row.push(field)
    if (text[i] === ',') i++
    else if (text.startsWith('\r\n', i)) {
      rows.push(row)
      row = []
      i += 2
    } else throw new Error(`unexpected ${JSON.stringify(text[i])} at ${i}`)
  }
  return rows
}

describe('plain export', () => {
  it('refuses without the acknowledgement that it is unencrypted', () => {
    for (const run of [
      () => exportOtpauthUris([], { acknowledgeUnencrypted: false }),
      () => exportLoginsCsv([], undefined as never),
    ]) {
      let error: unknown
      try {
        run()
      } catch (e) {
        error = e
      }
      expect(isCairnError(error, 'INVALID_ARGUMENT')).toBe(true)
    }
  })

  it('otpauth URIs: one per live 2FA key, parsing back to the same key', () => {
    const keys = [
      otp({ issuer: 'Example: Inc', account: 'a@b.c', digits: 8, algorithm: 'SHA256' }),
      otp({ kind: 'hotp', counter: 42, issuer: '', account: 'solo' }),
      otp({ encoder: 'steam', issuer: 'Steam', account: 'gamer', digits: 5 }),
    ]
    const text = exportOtpauthUris(
      [...keys.map((k) => rec(k)), rec(otp({ account: 'trashed' }), 5), rec(note())],
      ack,
    )
    const lines = text.split('\n')
    expect(lines.pop()).toBe('')
    expect(lines).toHaveLength(3)
    lines.forEach((line, i) => {
      const { kind, secret, issuer, account, algorithm, digits, counter, encoder } = keys[i]!
      expect(parseOtpauthUri(line)).toMatchObject({
        kind,
        secret,
        issuer,
        account,
        algorithm,
        encoder,
      })
      expect(parseOtpauthUri(line).digits).toBe(digits)
      if (kind === 'hotp') expect(parseOtpauthUri(line).counter).toBe(counter)
    })
  })

  it('CSV: RFC 4180 quoting, CRLF records, every field back intact', () => {
    const key = rec(otp({ issuer: 'Linked', account: 'me' }))
    const tricky = login({
      title: 'Comma, "quote" and\nnewline',
      username: ' spaced ',
      password: '=1+2,"x"\r\ny',
      urls: ['https://a.example/?q=1,2', 'https://b.example'],
      notes: 'line 1\nline 2',
      tags: ['x', 'y'],
      fields: [{ name: 'PIN', value: '12,34', secret: true }],
      otpLink: { vaultId: '00000000-0000-4000-8000-000000000000', itemId: key.id },
    })
    const csv = exportLoginsCsv(
      [rec(tricky), rec(login({ title: 'plain' })), rec(login(), 9), key],
      ack,
    )
    const rows = parseCsv(csv)
    expect(rows[0]).toEqual([...LOGIN_CSV_COLUMNS])
    expect(rows).toHaveLength(3)
    expect(rows[1]).toEqual([
      tricky.title,
      tricky.username,
      tricky.password,
      'https://a.example/?q=1,2',
      'https://b.example',
      tricky.notes,
      'x, y',
      'PIN: 12,34',
      expect.stringMatching(/^otpauth:\/\/totp\/Linked:me\?secret=/),
    ])
    expect(rows[2]![0]).toBe('plain')
    expect(rows[2]![8]).toBe('')
  })

  it('csvField quotes only when needed', () => {
    expect(csvField('plain text')).toBe('plain text')
    expect(csvField('a,b')).toBe('"a,b"')
    expect(csvField('say "hi"')).toBe('"say ""hi"""')
    expect(csvField('a\rb')).toBe('"a\rb"')
    expect(csvField('')).toBe('')
  })
})
