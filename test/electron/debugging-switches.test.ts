// The switches a packaged build refuses to start with, and the ordinary ones it accepts.
import { describe, expect, it } from 'vitest'
import { debuggingRequested } from '../../src-main/electron/debugging-switches.ts'

describe('debugging switches', () => {
  it.each([
    ['--remote-debugging-port=9222'],
    ['--remote-debugging-port', '9222'],
    ['--remote-debugging-pipe'],
    ['--inspect'],
    ['--inspect-brk=0'],
  ])('%s is refused', (...args) => {
    expect(debuggingRequested(['/opt/Cairn/cairn', ...args])).toBe(true)
  })

  it('ordinary arguments are not', () => {
    expect(debuggingRequested(['/opt/Cairn/cairn', '--no-sandbox-x', 'vault.cairn'])).toBe(false)
    expect(debuggingRequested(['/opt/Cairn/cairn', '--remote-debugging'])).toBe(false)
  })
})
