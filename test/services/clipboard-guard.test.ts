import { describe, expect, it } from 'vitest'
import { ClipboardGuard, type Timers } from '../../src-main/services/clipboard-guard.ts'
import { MemoryClipboard } from '../../src-main/services/clipboard-port.ts'

/** Timers driven by the test: `fire()` runs what is due at the test's clock. */
function manualTimers() {
  let now = 1_000_000
  const pending = new Map<number, { at: number; run: () => void }>()
  let next = 1
  const timers: Timers = {
    setTimeout: (run, ms) => {
      const id = next++
      pending.set(id, { at: now + ms, run })
      return id
    },
    clearTimeout: (id) => {
      pending.delete(id as number)
    },
  }
  return {
    timers,
    now: () => now,
    pendingCount: () => pending.size,
    async advance(ms: number) {
      now += ms
      for (const [id, t] of [...pending]) {
        if (t.at <= now) {
          pending.delete(id)
          t.run()
        }
      }
      // Let the guard's async read/compare/clear finish.
      await new Promise((r) => setImmediate(r))
    },
  }
}

function setup(seconds = 30) {
  const clock = manualTimers()
  const port = new MemoryClipboard()
  let cleared = 0
  const guard = new ClipboardGuard({
    port,
    clearAfterSeconds: () => seconds,
    timers: clock.timers,
    now: clock.now,
    onCleared: () => cleared++,
  })
  return { clock, port, guard, cleared: () => cleared }
}

describe('ClipboardGuard', () => {
  it('writes the text as a secret and clears it after the configured time', async () => {
    const { clock, port, guard, cleared } = setup(30)
    const receipt = await guard.copy('s3cret-password')
    expect(await port.readText()).toBe('s3cret-password')
    expect(port.holdsSecret).toBe(true)
    expect(receipt.clearsAt).toBe(clock.now() + 30_000)
    await clock.advance(29_000)
    expect(await port.readText()).toBe('s3cret-password')
    await clock.advance(1_000)
    expect(await port.readText()).toBe('')
    expect(cleared()).toBe(1)
  })

  it('leaves the clipboard alone when the user copied something else since', async () => {
    const { clock, port, guard, cleared } = setup(30)
    await guard.copy('s3cret-password')
    await port.writeText('a shopping list', { secret: false })
    await clock.advance(30_000)
    expect(await port.readText()).toBe('a shopping list')
    expect(cleared()).toBe(0)
  })

  it('restarts the countdown for a second copy and clears only the latest value', async () => {
    const { clock, port, guard } = setup(30)
    await guard.copy('first')
    await clock.advance(20_000)
    await guard.copy('second')
    expect(clock.pendingCount()).toBe(1)
    await clock.advance(20_000)
    expect(await port.readText()).toBe('second')
    await clock.advance(10_000)
    expect(await port.readText()).toBe('')
  })

  it('never clears when the setting is 0', async () => {
    const { clock, port, guard } = setup(0)
    const receipt = await guard.copy('kept')
    expect(receipt.clearsAt).toBeNull()
    expect(clock.pendingCount()).toBe(0)
    await clock.advance(3_600_000)
    expect(await port.readText()).toBe('kept')
  })

  it('clears at once on request (lock, quit) if the value is still ours', async () => {
    const { port, guard, clock } = setup(30)
    await guard.copy('code-123456')
    expect(await guard.clearIfOurs()).toBe(true)
    expect(await port.readText()).toBe('')
    expect(clock.pendingCount()).toBe(0)
    expect(await guard.clearIfOurs()).toBe(false)
  })

  it('refuses to copy nothing', async () => {
    const { guard } = setup()
    await expect(guard.copy('')).rejects.toThrow('nothing to copy')
  })
})
