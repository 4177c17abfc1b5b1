// Where the master password comes from (file, CAIRN_PASSWORD, a no-echo prompt), wrong passwords,
// and `cairn passwd`. Every failure must leave the vault byte-identical.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  PASSWORD,
  cairn,
  cairnOnTerminal,
  cairnWithPassword,
  expectOneLine,
  hasScript,
  NO_SCRIPT,
  seedVault,
  snapshot,
  workspace,
  writeText,
} from './cli-harness.ts'
import { note } from './cli-items-fixtures.ts'

const ws = workspace()
const vault = ws.file('pw.cairn')
beforeAll(async () => {
  await seedVault(vault, [note({ title: 'Door code' })])
})
afterAll(() => ws.cleanup())

function expectUntouchedFailure(
  args: string[],
  options: Parameters<typeof cairn>[1],
  message: RegExp,
) {
  const before = snapshot(vault)
  const result = cairn(args, options)
  expect(result.status).toBe(1)
  expect(result.stdout).toBe('')
  expect(expectOneLine(result.stderr)).toMatch(message)
  expect(snapshot(vault)).toEqual(before)
}

describe('master password sources', () => {
  it('reads CAIRN_PASSWORD', () => {
    const { status, stdout } = cairnWithPassword(['list', vault])
    expect(status).toBe(0)
    expect(stdout).toContain('Door code')
  })

  it('reads the first line of --password-file (LF or CRLF) and prefers it over CAIRN_PASSWORD', () => {
    for (const text of [
      `${PASSWORD}\n`,
      `${PASSWORD}\r\n`,
      PASSWORD,
      `${PASSWORD}\nsecond line\n`,
    ]) {
      const file = writeText(ws.file('password.txt'), text)
      const result = cairn(['list', vault, '--password-file', file], {
        env: { CAIRN_PASSWORD: 'not this one' },
      })
      expect(result.status, JSON.stringify(text)).toBe(0)
      expect(result.stdout).toContain('Door code')
    }
  })

  it('refuses a wrong password and leaves the file byte-identical', () => {
    expectUntouchedFailure(['list', vault], { env: { CAIRN_PASSWORD: 'wrong' } }, /wrong password/i)
    const file = writeText(ws.file('wrong.txt'), 'also wrong\n')
    expectUntouchedFailure(['rm', vault, 'door', '--password-file', file], {}, /wrong password/i)
  })

  it('says where a password could come from when none is given', () => {
    expectUntouchedFailure(['list', vault], {}, /use --password-file FILE or CAIRN_PASSWORD/)
    expectUntouchedFailure(
      ['list', vault],
      { env: { CAIRN_PASSWORD: '' } },
      /CAIRN_PASSWORD is set but empty/,
    )
    expectUntouchedFailure(
      ['list', vault, '--password-file', ws.file('missing.txt')],
      {},
      /cannot read password file '.*missing\.txt': no such file/,
    )
    const empty = writeText(ws.file('empty.txt'), '\n')
    expectUntouchedFailure(
      ['list', vault, '--password-file', empty],
      {},
      /password file .* is empty/,
    )
  })

  it('asks on a terminal without echoing what is typed', async (ctx) => {
    ctx.skip(!hasScript, NO_SCRIPT)
    const { status, screen } = await cairnOnTerminal(
      ['list', vault],
      [{ prompt: /Master password: $/, reply: PASSWORD }],
    )
    expect(status).toBe(0)
    expect(screen).toContain('Door code')
    expect(screen).not.toContain(PASSWORD)
  })

  it('a wrong password typed at the prompt changes nothing', async (ctx) => {
    ctx.skip(!hasScript, NO_SCRIPT)
    const before = snapshot(vault)
    const { status, screen } = await cairnOnTerminal(
      ['list', vault],
      [{ prompt: /Master password: $/, reply: 'guess-123' }],
    )
    expect(status).toBe(1)
    expect(screen).toMatch(/cairn: wrong password/i)
    expect(screen).not.toContain('guess-123')
    expect(snapshot(vault)).toEqual(before)
  })
})

describe('cairn passwd', () => {
  // The new master-password slot is calibrated (about a second of Argon2id on an idle machine, far
  // more on a loaded one): no authenticated Argon2id slot at the floor opened this session.
  it('changes the master password; the old one stops working', async () => {
    const path = ws.file('passwd.cairn')
    await seedVault(path, [note({ title: 'Kept' })])
    const newFile = writeText(ws.file('new.txt'), 'a brand new passphrase\n')
    const changed = cairnWithPassword(['passwd', path, '--new-password-file', newFile])
    expect(changed.status).toBe(0)
    expect(changed.stdout).toBe('Master password changed\n')

    const before = snapshot(path)
    const old = cairnWithPassword(['list', path])
    expect(old.status).toBe(1)
    expect(snapshot(path)).toEqual(before)
    const fresh = cairn(['list', path], { env: { CAIRN_PASSWORD: 'a brand new passphrase' } })
    expect(fresh.status).toBe(0)
    expect(fresh.stdout).toContain('Kept')
  }, 180_000)

  // The new master-password slot is calibrated (about a second of Argon2id on an idle machine, far
  // more on a loaded one): no authenticated Argon2id slot at the floor opened this session.
  it('takes CAIRN_NEW_PASSWORD, and changes nothing when the current password is wrong', async () => {
    const path = ws.file('passwd-env.cairn')
    await seedVault(path)
    const before = snapshot(path)
    const wrong = cairn(['passwd', path], {
      env: { CAIRN_PASSWORD: 'wrong', CAIRN_NEW_PASSWORD: 'next' },
    })
    expect(wrong.status).toBe(1)
    expect(snapshot(path)).toEqual(before)

    const noNew = cairnWithPassword(['passwd', path])
    expect(noNew.status).toBe(1)
    expect(expectOneLine(noNew.stderr)).toMatch(/--new-password-file FILE or CAIRN_NEW_PASSWORD/)

    expect(
      cairnWithPassword(['passwd', path], { env: { CAIRN_NEW_PASSWORD: 'next' } }).status,
    ).toBe(0)
    expect(cairn(['list', path], { env: { CAIRN_PASSWORD: 'next' } }).status).toBe(0)
  }, 180_000)

  it('asks twice on a terminal and changes nothing when they differ', async (ctx) => {
    ctx.skip(!hasScript, NO_SCRIPT)
    const path = ws.file('passwd-tty.cairn')
    await seedVault(path)
    const before = snapshot(path)
    const { status, screen } = await cairnOnTerminal(
      ['passwd', path],
      [
        { prompt: /Master password: $/, reply: PASSWORD },
        { prompt: /New master password: $/, reply: 'first-try' },
        { prompt: /Repeat the new master password: $/, reply: 'second-try' },
      ],
    )
    expect(status).toBe(1)
    expect(screen).toContain('cairn: the two passwords do not match; nothing was changed')
    expect(snapshot(path)).toEqual(before)
  })
})
