// `cairn init`: a real vault at default (calibrated) Argon2id parameters, and its refusals.
import { existsSync, readdirSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import {
  PASSWORD,
  cairn,
  cairnOnTerminal,
  cairnWithPassword,
  expectOneLine,
  hasScript,
  NO_SCRIPT,
  snapshot,
  workspace,
  writeText,
} from './cli-harness.ts'

const ws = workspace()
afterAll(() => ws.cleanup())

describe('cairn init', () => {
  it('creates a vault that the other commands then open', () => {
    const path = ws.file('fresh.cairn')
    const created = cairnWithPassword(['init', path, '--name', 'Home'])
    expect(created.status).toBe(0)
    expect(created.stdout).toBe(`Created vault 'Home' in ${path}\n`)
    expect(cairnWithPassword(['list', path]).stdout).toBe('(no items)\n')
  })

  it('never overwrites an existing file', () => {
    const path = writeText(ws.file('taken.cairn'), 'something precious\n')
    const before = snapshot(path)
    const result = cairnWithPassword(['init', path])
    expect(result.status).toBe(1)
    expect(expectOneLine(result.stderr)).toMatch(/already exists/)
    expect(snapshot(path)).toEqual(before)
  })

  it('creates nothing without a password', () => {
    const path = ws.file('nopass.cairn')
    const result = cairn(['init', path])
    expect(result.status).toBe(1)
    expect(expectOneLine(result.stderr)).toMatch(/no new master password/)
    expect(existsSync(path)).toBe(false)
    expect(readdirSync(ws.dir).filter((f) => f.includes('nopass'))).toEqual([])
  })

  it('asks twice on a terminal and creates nothing when they differ', async (ctx) => {
    ctx.skip(!hasScript, NO_SCRIPT)
    const path = ws.file('tty.cairn')
    const { status, screen } = await cairnOnTerminal(
      ['init', path],
      [
        { prompt: /New master password: $/, reply: PASSWORD },
        { prompt: /Repeat the new master password: $/, reply: `${PASSWORD}!` },
      ],
    )
    expect(status).toBe(1)
    expect(screen).toContain('the two passwords do not match')
    expect(screen).not.toContain(PASSWORD)
    expect(existsSync(path)).toBe(false)
  })
})
