import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { isCairnError } from '../../../src-main/core/errors.ts'
import {
  applyImport,
  itemLabel,
  keyIdentity,
  otpItem,
  planImport,
} from '../../../src-main/core/import/import-plan.ts'
import type { ReadImport } from '../../../src-main/core/import/import-plan.ts'
import {
  isItemRecord,
  type ItemData,
  type ItemRecord,
  type StoredRecord,
} from '../../../src-main/core/vault/item-types.ts'
import { parseOtpauthUri } from '../../../src-main/core/otp/otpauth-uri.ts'
import { errorOf } from '../qr/fixtures/image-bytes.ts'
import { HOTP_CAROL, TOTP_ALICE, TOTP_BOB, WEB_ADDRESS } from '../qr/fixtures/screens.ts'
import { SyntheticScreen } from '../qr/fixtures/synthetic-screen.ts'
import { migrationUri } from '../migration/fixtures/migration-encoder.ts'
import { readAs } from './import-helpers.ts'

const text = (name: string, ...lines: string[]) => readAs(name, lines.join('\n'))

function image(name: string, ...codes: string[]): Promise<ReadImport> {
  const screen = new SyntheticScreen(1600, 900, 9).desktop('light', 2)
  codes.forEach((code, i) => screen.qr(code, 100 + i * 480, 200, { modulePx: 3 }))
  return readAs(name, screen.toPng())
}

const SECRET = Uint8Array.from({ length: 10 }, (_, i) => 200 - i)
const stored = (data: ItemData) => ({ id: randomUUID(), data })
const keyOf = (p: { data: unknown }) => p.data as ReturnType<typeof otpItem>

describe('planImport', () => {
  it('adds new keys from images and text files and skips those already in the vault', async () => {
    const plan = planImport(
      [
        await image('shot.png', TOTP_ALICE, WEB_ADDRESS),
        await text('keys.txt', TOTP_BOB, HOTP_CAROL),
      ],
      [stored(otpItem(parseOtpauthUri(TOTP_BOB)))],
    )
    expect(plan.problems).toEqual([])
    expect(plan.add.map((p) => [keyOf(p).issuer, p.from])).toEqual([
      ['Example', 'shot.png, code 1'],
      ['Bank', 'keys.txt, line 2'],
    ])
    expect(plan.skipped).toEqual([
      {
        data: otpItem(parseOtpauthUri(TOTP_BOB)),
        from: 'keys.txt, line 1',
        to: 'vault',
        reason: 'already in the vault',
      },
    ])
    expect(plan.notes).toEqual(['shot.png: ignored code 2: not a 2FA code'])
  })

  it('skips a key repeated across inputs', async () => {
    const plan = planImport(
      [await text('a.txt', TOTP_ALICE), await text('b.txt', `  ${TOTP_ALICE}`)],
      [],
    )
    expect(plan.add).toHaveLength(1)
    expect(plan.skipped[0]).toMatchObject({
      from: 'b.txt, line 1',
      reason: 'same as a.txt, line 1',
    })
  })

  it('treats the same secret under another name as a different key', async () => {
    const renamed = TOTP_ALICE.replace('alice@example.com', 'alice2@example.com')
    const recased = TOTP_ALICE.replace('Example:alice', 'Example:Alice')
    expect(planImport([await text('a.txt', TOTP_ALICE, renamed, recased)], []).add).toHaveLength(3)
    expect(keyIdentity(parseOtpauthUri(recased))).not.toBe(keyIdentity(parseOtpauthUri(TOTP_ALICE)))
  })

  it('imports every account of a migration code, keeps names whole, mentions missing parts', async () => {
    const uri = migrationUri({
      accounts: [
        { secret: SECRET, name: 'GitHub:octo', issuer: 'GitHub' },
        { secret: SECRET.map((b) => b ^ 1), name: 'Bank:carol', type: 1, counter: 5n },
      ],
      batchSize: 2,
      batchIndex: 0,
      batchId: 42,
    })
    const plan = planImport([await image('export.png', uri)], [])
    expect(plan.problems).toEqual([])
    expect(
      plan.add.map((p) => [keyOf(p).kind, keyOf(p).issuer, keyOf(p).account, keyOf(p).counter]),
    ).toEqual([
      ['totp', 'GitHub', 'octo', 0],
      // No issuer field: the name is kept whole, no issuer is invented from it.
      ['hotp', '', 'Bank:carol', 5],
    ])
    expect(plan.notes).toEqual([
      'Google Authenticator export in 2 parts: part 2 not among the inputs; import it later (items already imported will be skipped)',
    ])
  })

  it('keeps a short secret, warning in the item and in the plan', async () => {
    const plan = planImport(
      [await text('short.txt', 'otpauth://totp/Old:me?secret=JBSWY3DP&issuer=Old')],
      [],
    )
    expect(plan.problems).toEqual([])
    expect(keyOf(plan.add[0]!).secret).toBe('JBSWY3DP')
    expect(keyOf(plan.add[0]!).notes).toMatch(/only 40 bits/)
    expect(plan.notes).toEqual([
      expect.stringMatching(/^short\.txt, line 1: 2FA key Old \(me\): The secret is only 40 bits/),
    ])
  })

  it('reads an hotp URI without a counter as counter 0, with a note', async () => {
    const plan = planImport(
      [await text('h.txt', 'otpauth://hotp/Shop:dan?secret=JBSWY3DPEHPK3PXP')],
      [],
    )
    expect(keyOf(plan.add[0]!)).toMatchObject({ kind: 'hotp', counter: 0 })
    expect(plan.notes).toEqual(['h.txt, line 1: the hotp URI has no counter: it starts at 0'])
  })

  it('puts an item into its folder as a group, keeps empty groups, and names every kind of item', () => {
    const file = {
      format: 'test',
      formatName: 'Test',
      problems: [],
      notes: [],
      entries: [
        {
          where: 'entry 1',
          folder: 'Work/ Home /',
          data: { type: 'note' as const, title: 'Wi-Fi', body: 'pass', tags: [] },
        },
      ],
      groups: ['Work/Home', 'Archive', '/'],
    }
    const plan = planImport([{ name: 'x', file }], [])
    expect(plan.add[0]!.data.tags).toEqual([])
    expect(plan.add[0]!.data.group).toEqual(['Work', 'Home'])
    expect(plan.groups).toEqual([
      { path: ['Work', 'Home'], to: 'vault' },
      { path: ['Archive'], to: 'vault' },
    ])
    expect(itemLabel(plan.add[0]!.data)).toBe('note Wi-Fi')
    expect(planImport([{ name: 'x', file }], [stored(plan.add[0]!.data)]).skipped).toHaveLength(1)
  })

  it('lists every entry problem of files in a known format', async () => {
    const md5 = migrationUri({
      accounts: [{ secret: SECRET, name: 'old', issuer: 'Legacy', algorithm: 4 }],
    })
    const plan = planImport(
      [
        await text('keys.txt', TOTP_ALICE, 'not a uri', 'otpauth://totp/x?secret=JBSWY3DPEHPK3PX1'),
        await text('md5.txt', md5),
      ],
      [],
    )
    expect(plan.problems).toEqual([
      'keys.txt, line 2: not an otpauth URI',
      expect.stringMatching(/^keys\.txt, line 3: /),
      'md5.txt, line 1: cannot import Legacy (old): uses MD5, which Cairn does not support',
    ])
    expect(plan.problems.join('\n')).not.toContain('JBSWY3DPEHPK3PX1')
  })

  it('fails a whole file with one error when it has no key at all', async () => {
    await expect(image('empty.png')).rejects.toThrow('no QR code found')
    await expect(image('web.png', WEB_ADDRESS)).rejects.toThrow('no 2FA code (only other QR codes)')
    await expect(text('blank.txt', '# nothing here')).rejects.toThrow('no otpauth URI found')
    await expect(text('prose.txt', 'line one', 'line two', 'line three')).rejects.toThrow(
      'not one line is an otpauth URI',
    )
  })
})

describe('applyImport', () => {
  function recordingTarget() {
    const batches: ItemRecord[][] = []
    return {
      batches,
      target: {
        header: { vaultUuid: '00000000-0000-4000-8000-000000000001' },
        importRecords: (records: readonly StoredRecord[]) => {
          batches.push(records.filter(isItemRecord))
          return [...records]
        },
        groups: () => [],
        purge: () => {
          throw new Error('an import that succeeds purges nothing')
        },
      },
    }
  }

  it('writes nothing when any input had a problem', async () => {
    const { batches, target } = recordingTarget()
    const plan = planImport([await text('keys.txt', TOTP_ALICE, 'nope')], [])
    const e = errorOf(() => applyImport(target, plan))
    expect(isCairnError(e, 'INVALID_ARGUMENT')).toBe(true)
    expect(batches).toEqual([])
  })

  it('writes all planned keys as new OTP records in one batch', async () => {
    const { batches, target } = recordingTarget()
    applyImport(target, planImport([await text('keys.txt', TOTP_ALICE, HOTP_CAROL)], []), {
      now: 1_700_000_000_000,
    })
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

  it('writes nothing and succeeds when every key was skipped', async () => {
    const { batches, target } = recordingTarget()
    const plan = planImport(
      [await text('keys.txt', TOTP_ALICE)],
      [stored(otpItem(parseOtpauthUri(TOTP_ALICE)))],
    )
    expect(applyImport(target, plan)).toEqual([])
    expect(batches).toEqual([])
  })
})
