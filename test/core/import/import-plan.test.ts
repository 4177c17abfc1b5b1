import { describe, expect, it } from 'vitest'
import { isCairnError } from '../../../src-main/core/errors.ts'
import { applyImport, keyIdentity, planImport } from '../../../src-main/core/import/import-plan.ts'
import { readImportSource } from '../../../src-main/core/import/import-source.ts'
import type { ImportSource } from '../../../src-main/core/import/import-source.ts'
import type { ItemRecord } from '../../../src-main/core/vault/item-types.ts'
import { parseOtpauthUri } from '../../../src-main/core/otp/otpauth-uri.ts'
import { errorOf } from '../qr/fixtures/image-bytes.ts'
import { HOTP_CAROL, TOTP_ALICE, TOTP_BOB, WEB_ADDRESS } from '../qr/fixtures/screens.ts'
import { SyntheticScreen } from '../qr/fixtures/synthetic-screen.ts'
import { migrationUri } from '../migration/fixtures/migration-encoder.ts'

const text = (name: string, ...lines: string[]) =>
  readImportSource(name, new TextEncoder().encode(lines.join('\n')))

function image(name: string, ...codes: string[]): ImportSource {
  const screen = new SyntheticScreen(1600, 900, 9).desktop('light', 2)
  codes.forEach((code, i) => screen.qr(code, 100 + i * 480, 200, { modulePx: 3 }))
  return readImportSource(name, screen.toPng())
}

const SECRET = Uint8Array.from({ length: 10 }, (_, i) => 200 - i)

describe('planImport', () => {
  it('adds new keys from images and text files and skips those already in the vault', () => {
    const plan = planImport(
      [image('shot.png', TOTP_ALICE, WEB_ADDRESS), text('keys.txt', TOTP_BOB, HOTP_CAROL)],
      [parseOtpauthUri(TOTP_BOB)],
    )
    expect(plan.problems).toEqual([])
    expect(plan.add.map((p) => [p.key.issuer, p.from])).toEqual([
      ['Example', 'shot.png, code 1'],
      ['Bank', 'keys.txt, line 2'],
    ])
    expect(plan.skipped).toEqual([
      { key: parseOtpauthUri(TOTP_BOB), from: 'keys.txt, line 1', reason: 'already in the vault' },
    ])
    expect(plan.notes).toEqual(['shot.png: ignored code 2: not a 2FA code'])
  })

  it('skips a key repeated across inputs', () => {
    const plan = planImport([text('a.txt', TOTP_ALICE), text('b.txt', `  ${TOTP_ALICE}`)], [])
    expect(plan.add).toHaveLength(1)
    expect(plan.skipped[0]).toMatchObject({
      from: 'b.txt, line 1',
      reason: 'same key as a.txt, line 1',
    })
  })

  it('treats the same secret under another name as a different key', () => {
    const renamed = TOTP_ALICE.replace('alice@example.com', 'alice2@example.com')
    const recased = TOTP_ALICE.replace('Example:alice', 'Example:Alice')
    expect(planImport([text('a.txt', TOTP_ALICE, renamed, recased)], []).add).toHaveLength(3)
    expect(keyIdentity(parseOtpauthUri(recased))).not.toBe(keyIdentity(parseOtpauthUri(TOTP_ALICE)))
  })

  it('imports every account of a migration code and mentions missing parts', () => {
    const uri = migrationUri({
      accounts: [
        { secret: SECRET, name: 'GitHub:octo' },
        { secret: SECRET.map((b) => b ^ 1), name: 'Bank:carol', type: 1, counter: 5n },
      ],
      batchSize: 2,
      batchIndex: 0,
      batchId: 42,
    })
    const plan = planImport([image('export.png', uri)], [])
    expect(plan.problems).toEqual([])
    expect(plan.add.map((p) => [p.key.kind, p.key.issuer, p.key.counter])).toEqual([
      ['totp', 'GitHub', 0],
      ['hotp', 'Bank', 5],
    ])
    expect(plan.notes).toEqual([
      'Google Authenticator export in 2 parts: part 2 not among the inputs; import it later (keys already imported will be skipped)',
    ])
  })

  it('lists every input problem', () => {
    const md5 = migrationUri({
      accounts: [{ secret: SECRET, name: 'old', issuer: 'Legacy', algorithm: 4 }],
    })
    const plan = planImport(
      [
        image('empty.png'),
        image('web.png', WEB_ADDRESS),
        text('keys.txt', TOTP_ALICE, 'not a uri', 'otpauth://totp/x?secret=JBSWY3DPEHPK3PX1'),
        text('md5.txt', md5),
        text('blank.txt', '# nothing here'),
      ],
      [],
    )
    expect(plan.problems).toEqual([
      'empty.png: no QR code found',
      'web.png: no 2FA code (only other QR codes)',
      'keys.txt, line 2: not an otpauth URI',
      expect.stringMatching(/^keys\.txt, line 3: /),
      'md5.txt, line 1: cannot import Legacy (old): uses MD5, which Cairn does not support',
      'blank.txt: no otpauth URI found',
    ])
    expect(plan.problems.join('\n')).not.toContain('JBSWY3DPEHPK3PX1')
  })
})

describe('applyImport', () => {
  function recordingTarget() {
    const batches: ItemRecord[][] = []
    return {
      batches,
      target: {
        importRecords: (records: readonly ItemRecord[]) => {
          batches.push([...records])
          return [...records]
        },
      },
    }
  }

  it('writes nothing when any input had a problem', () => {
    const { batches, target } = recordingTarget()
    const plan = planImport([text('keys.txt', TOTP_ALICE, 'nope')], [])
    const e = errorOf(() => applyImport(target, plan))
    expect(isCairnError(e, 'INVALID_ARGUMENT')).toBe(true)
    expect(batches).toEqual([])
  })

  it('writes all planned keys as new OTP records in one batch', () => {
    const { batches, target } = recordingTarget()
    applyImport(
      target,
      planImport([text('keys.txt', TOTP_ALICE, HOTP_CAROL)], []),
      1_700_000_000_000,
    )
    expect(batches).toHaveLength(1)
    const [first, second] = batches[0]!
    expect(first).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      revision: 1,
      createdAt: 1_700_000_000_000,
      updatedAt: 1_700_000_000_000,
      deletedAt: null,
      data: { ...parseOtpauthUri(TOTP_ALICE), type: 'otp', title: '', notes: '', tags: [] },
    })
    expect(second!.id).not.toBe(first!.id)
  })

  it('writes nothing and succeeds when every key was skipped', () => {
    const { batches, target } = recordingTarget()
    const plan = planImport([text('keys.txt', TOTP_ALICE)], [parseOtpauthUri(TOTP_ALICE)])
    expect(applyImport(target, plan)).toEqual([])
    expect(batches).toEqual([])
  })
})
