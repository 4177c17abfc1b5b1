// `cairn backup` and `cairn restore` on real files: both protections round-trip every item type;
// a wrong credential, a truncated or flipped backup and an existing target each fail with one line
// and write nothing.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  PASSWORD,
  cairn,
  cairnWithPassword,
  expectOneLine,
  seedVault,
  snapshot,
  workspace,
  writeText,
} from './cli-harness.ts'
import { login, note, otpItem, recoveryCodes } from './cli-items-fixtures.ts'

const ws = workspace()
const vault = ws.file('home.cairn')
let expected: string
beforeAll(async () => {
  await seedVault(vault, [login(), otpItem(), recoveryCodes(), note()])
  expected = cairnWithPassword(['list', vault, '--json']).stdout
})
afterAll(() => ws.cleanup())

/** Every item in full (secrets revealed) as the CLI prints it, from `path`. */
function everything(path: string, env: Record<string, string> = { CAIRN_PASSWORD: PASSWORD }) {
  const ids = JSON.parse(cairn(['list', path, '--json'], { env }).stdout) as { id: string }[]
  return ids.map((i) =>
    JSON.parse(cairn(['show', path, i.id, '--reveal', '--json'], { env }).stdout),
  )
}

function expectNothingWritten(run: () => ReturnType<typeof cairn>, message: RegExp) {
  const before = readdirSync(ws.dir).sort()
  const result = run()
  expect(result.status).toBe(1)
  expect(expectOneLine(result.stderr)).toMatch(message)
  expect(readdirSync(ws.dir).sort()).toEqual(before)
}

describe('cairn backup / restore', () => {
  it('vault-slots: backup, then restore with the password, gives the same items', () => {
    const backup = cairnWithPassword(['backup', vault, ws.file('slots.cairnbackup')])
    expect(backup.status).toBe(0)
    expect(backup.stdout).toMatch(/Backed up 4 item\(s\).*master password and recovery keys/)
    const restored = cairnWithPassword([
      'restore',
      ws.file('slots.cairnbackup'),
      ws.file('r1.cairn'),
    ])
    expect(restored.stderr).toBe('')
    expect(restored.status).toBe(0)
    expect(restored.stdout).toMatch(/Restored vault 'CLI test' \(4 item\(s\)/)
    expect(cairnWithPassword(['list', ws.file('r1.cairn'), '--json']).stdout).toBe(expected)
    expect(everything(ws.file('r1.cairn'))).toEqual(everything(vault))
  })

  it('passphrase: backup and restore with their own passphrase and a new master password', () => {
    const pass = writeText(ws.file('pass.txt'), 'a backup passphrase\n')
    const backup = cairnWithPassword([
      'backup',
      vault,
      ws.file('pass.cairnbackup'),
      '--passphrase-file',
      pass,
    ])
    expect(backup.status).toBe(0)
    expect(backup.stdout).toMatch(/protected by the backup passphrase/)
    const restored = cairn(['restore', ws.file('pass.cairnbackup'), ws.file('r2.cairn')], {
      env: { CAIRN_BACKUP_PASSPHRASE: 'a backup passphrase', CAIRN_NEW_PASSWORD: 'new master' },
    })
    expect(restored.stderr).toBe('')
    expect(restored.status).toBe(0)
    // Full equality of every item is the vault-slots case's (and the core tests'); each unlock here
    // costs a calibrated Argon2id run, so this checks the listing and the login in full.
    const env = { CAIRN_PASSWORD: 'new master' }
    expect(cairn(['list', ws.file('r2.cairn'), '--json'], { env }).stdout).toBe(expected)
    const show = (path: string, e: Record<string, string>) =>
      cairn(['show', path, 'alice@example.com', '--reveal', '--json'], { env: e }).stdout
    expect(show(ws.file('r2.cairn'), env)).toBe(show(vault, { CAIRN_PASSWORD: PASSWORD }))
    expect(show(vault, { CAIRN_PASSWORD: PASSWORD })).toContain('Login-Secret-42')
  }, 120_000)

  it('a wrong password, a wrong passphrase, a truncated and a flipped backup write nothing', () => {
    expectNothingWritten(
      () =>
        cairnWithPassword(['restore', ws.file('slots.cairnbackup'), ws.file('x.cairn')], {
          password: 'wrong',
        }),
      /Wrong password/,
    )
    expectNothingWritten(
      () =>
        cairn(['restore', ws.file('pass.cairnbackup'), ws.file('x.cairn')], {
          env: { CAIRN_BACKUP_PASSPHRASE: 'wrong', CAIRN_NEW_PASSWORD: 'n' },
        }),
      /Wrong backup passphrase/,
    )
    const bytes = readFileSync(ws.file('slots.cairnbackup'))
    writeFileSync(ws.file('cut.cairnbackup'), bytes.subarray(0, bytes.length - 100))
    expectNothingWritten(
      () => cairnWithPassword(['restore', ws.file('cut.cairnbackup'), ws.file('x.cairn')]),
      /truncated/,
    )
    const flipped = Buffer.from(bytes)
    flipped[bytes.length - 50] = flipped[bytes.length - 50]! ^ 0x20
    writeFileSync(ws.file('flip.cairnbackup'), flipped)
    expectNothingWritten(
      () => cairnWithPassword(['restore', ws.file('flip.cairnbackup'), ws.file('x.cairn')]),
      /damaged: part 1 of 1 failed authentication/,
    )
  })

  it('never overwrites: an existing backup file or vault file is refused and kept', () => {
    const before = snapshot(ws.file('slots.cairnbackup'))
    const again = cairnWithPassword(['backup', vault, ws.file('slots.cairnbackup')])
    expect(again.status).toBe(1)
    expect(expectOneLine(again.stderr)).toMatch(/already exists/)
    expect(snapshot(ws.file('slots.cairnbackup'))).toEqual(before)
    const vaultBefore = snapshot(vault)
    const onto = cairnWithPassword(['restore', ws.file('slots.cairnbackup'), vault])
    expect(onto.status).toBe(1)
    expect(snapshot(vault)).toEqual(vaultBefore)
  })

  it('a file that is not a backup is named as such', () => {
    const result = cairnWithPassword(['restore', vault, ws.file('y.cairn')])
    expect(result.status).toBe(1)
    expect(expectOneLine(result.stderr)).toMatch(/is not a Cairn backup/)
  })
})
