// The one rule for the code a copy hands out, checked on its own against an independent RFC 6238
// computation, and end to end: the picker, the main window's copy (Ctrl+T) and `cairn code` asked
// 3 seconds before a period ends, on one real vault file, all hand out the same (next) code.
import { afterAll, describe, expect, it } from 'vitest'
import { encodeBase32 } from '../../../src-main/core/otp/base32.ts'
import {
  codeToCopy,
  copiedCodeNote,
  NEXT_CODE_THRESHOLD_MS,
} from '../../../src-main/core/otp/code-to-copy.ts'
import type { OtpKey } from '../../../src-main/core/otp/otp-types.ts'
import { runCli } from '../../../src-main/cli/run-cli.ts'
import { PickerService } from '../../../src-main/services/picker-service.ts'
import { pickerPorts } from '../../../src-main/services/shell-ports.ts'
import { API, type CopyReceipt, type ItemSummary } from '../../../src-shared/ipc-contract.ts'
import { servicesInTempDir } from '../../services/service-fixtures.ts'
import { hotpRef, totpRef } from '../../support/reference-otp.ts'

// RFC 6238 Appendix B's SHA-1 seed.
const SEED = Buffer.from('12345678901234567890', 'ascii')
const KEY: OtpKey = {
  kind: 'totp',
  secret: encodeBase32(SEED),
  issuer: 'Example',
  account: 'ann',
  algorithm: 'SHA1',
  digits: 8,
  period: 30,
  counter: 0,
  encoder: 'standard',
}
// A period of 30 s ends at 1111111110 s (RFC 6238's 1111111109 test time is inside it).
const PERIOD_END_MS = 1_111_111_110_000

describe('codeToCopy', () => {
  it('copies the current code while 5 s or more remain, the next one below that', () => {
    const at = (msBeforeEnd: number) => codeToCopy(KEY, PERIOD_END_MS - msBeforeEnd)
    const current = totpRef(SEED, 1_111_111_109, 8)
    const next = totpRef(SEED, 1_111_111_110, 8)
    expect(at(NEXT_CODE_THRESHOLD_MS)).toEqual({
      which: 'current',
      code: current,
      validUntil: PERIOD_END_MS,
    })
    expect(at(NEXT_CODE_THRESHOLD_MS - 1)).toEqual({
      which: 'next',
      code: next,
      validUntil: PERIOD_END_MS + 30_000,
    })
    expect(at(3_000).code).toBe(next)
  })

  it('hands out an HOTP key the code of its stored counter, for the caller to advance', () => {
    expect(codeToCopy({ ...KEY, kind: 'hotp', digits: 6, counter: 7 }, 0)).toEqual({
      which: 'hotp',
      code: hotpRef(SEED, 7),
      counter: 7,
    })
  })
})

describe('copiedCodeNote', () => {
  it('says how long the copied code is valid, why the next one was copied, or the new counter', () => {
    const before = (ms: number) => PERIOD_END_MS - ms
    expect(copiedCodeNote(codeToCopy(KEY, before(12_400)), before(12_400))).toBe(
      'Code copied, valid for another 12 s.',
    )
    expect(copiedCodeNote(codeToCopy(KEY, before(2_000)), before(2_000))).toBe(
      'Next code copied, valid for 32 s: the current one had under 5 s left.',
    )
    const hotp = codeToCopy({ ...KEY, kind: 'hotp', counter: 7 }, 0)
    expect(copiedCodeNote(hotp, 0)).toBe(
      'Code copied. The counter is now 8: the next copy gives a new code.',
    )
  })
})

describe('the picker, the main window and the command line', () => {
  const now = PERIOD_END_MS - 3_000
  const h = servicesInTempDir({ now: () => now })
  afterAll(() => h.cleanup())

  it('copy the same code 3 s before a period ends: the next one', async () => {
    const path = h.path('Keys.cairn')
    const vault = await h.services.sessions.create(path, 'Keys', 'pw')
    const item = h.services.items.create(vault.id, {
      kind: 'otp',
      title: '',
      issuer: KEY.issuer,
      account: KEY.account,
      notes: '',
      tags: [],
      key: { from: 'secret', ...KEY },
    }) as ItemSummary
    const expected = totpRef(SEED, PERIOD_END_MS / 1000, 8)

    const picked = await new PickerService(pickerPorts(h.services)).copy(vault.id, item.id)
    expect(picked.which).toBe('next')
    const fromPicker = await h.clipboard.readText()

    const handler = h.handlers[API.clipboard.copy] as (args: unknown) => Promise<unknown>
    const receipt = (await handler([vault.id, item.id, { kind: 'code' }])) as {
      ok: true
      value: CopyReceipt
    }
    expect(receipt.value.code).toBe('next')
    expect(receipt.value.note).toBe(
      'Next code copied, valid for 33 s: the current one had under 5 s left.',
    )
    const fromMainWindow = await h.clipboard.readText()

    const out: string[] = []
    // Stderr may carry notes (this test vault uses the fast Argon2id floor); stdout is the code.
    const notes: string[] = []
    const status = await runCli(['code', path, 'Example'], {
      out: (line) => out.push(line),
      err: (line) => notes.push(line),
      env: { CAIRN_PASSWORD: 'pw' },
      stdin: process.stdin,
      now: () => now,
      clip: () => Promise.reject(new Error('this run prints the code; it never copies')),
    })
    expect(status, notes.join('\n')).toBe(0)

    expect([fromPicker, fromMainWindow, out.join('\n')]).toEqual([expected, expected, expected])
  })
})
