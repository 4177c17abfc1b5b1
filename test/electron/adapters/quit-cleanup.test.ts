import { EventEmitter } from 'node:events'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { holdQuitForCleanup } from '../../../src-main/electron/adapters/quit-cleanup.ts'

/** Stands in for Electron's app: quit() emits 'before-quit' and exits unless prevented. */
class FakeApp extends EventEmitter {
  exited = false
  quit(): void {
    let prevented = false
    this.emit('before-quit', { preventDefault: () => (prevented = true) })
    if (!prevented) this.exited = true
  }
}

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('quit cleanup', () => {
  it('holds the quit until the cleanup is done, then quits for real', async () => {
    const app = new FakeApp()
    const steps: string[] = []
    let finish: () => void = () => {}
    holdQuitForCleanup(
      app,
      () =>
        new Promise<void>((resolve) => {
          steps.push('cleanup started')
          finish = resolve
        }),
      () => {},
    )
    app.quit()
    expect(app.exited).toBe(false)
    // A second quit request while cleaning does not start a second cleanup.
    app.quit()
    expect(steps).toEqual(['cleanup started'])
    finish()
    await vi.advanceTimersByTimeAsync(0)
    expect(app.exited).toBe(true)
  })

  it('quits after a failed cleanup and reports the failure', async () => {
    const app = new FakeApp()
    const errors: string[] = []
    holdQuitForCleanup(
      app,
      async () => {
        throw new Error('lock failed')
      },
      (e) => errors.push((e as Error).message),
    )
    app.quit()
    await vi.advanceTimersByTimeAsync(0)
    expect(app.exited).toBe(true)
    expect(errors).toEqual(['lock failed'])
  })

  it('does not let a hung cleanup keep the app open past the deadline', async () => {
    const app = new FakeApp()
    const errors: string[] = []
    holdQuitForCleanup(
      app,
      () => new Promise<void>(() => {}),
      (e) => errors.push((e as Error).message),
      3_000,
    )
    app.quit()
    await vi.advanceTimersByTimeAsync(2_999)
    expect(app.exited).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    expect(app.exited).toBe(true)
    expect(errors).toEqual(['quit cleanup took longer than 3000 ms'])
  })
})
