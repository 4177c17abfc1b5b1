import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  AutoLock,
  type AutoLockReason,
  type AutoLockSettings,
  type IdleProbe,
} from '../../src-main/services/auto-lock.ts'

const DEFAULTS: AutoLockSettings = { idleMinutes: 5, lockOnSuspend: true, lockOnScreenLock: true }

/**
 * Stands in for the operating system behind Electron's powerMonitor: idle time grows with the
 * (fake) clock and drops to zero on input; the screen can be locked and unlocked.
 */
class FakeSystem implements IdleProbe {
  lastInput = Date.now()
  screenLocked = false
  input(): void {
    this.lastInput = Date.now()
  }
  idleSeconds(): number {
    return Math.floor((Date.now() - this.lastInput) / 1000)
  }
  idleState(threshold: number): 'active' | 'idle' | 'locked' | 'unknown' {
    if (this.screenLocked) return 'locked'
    return this.idleSeconds() >= threshold ? 'idle' : 'active'
  }
}

const settings = (s: Partial<AutoLockSettings> = {}): AutoLockSettings => ({ ...DEFAULTS, ...s })

function setup(s: Partial<AutoLockSettings> = {}) {
  const system = new FakeSystem()
  const locks: AutoLockReason[] = []
  const errors: unknown[] = []
  let current = settings(s)
  const autoLock = new AutoLock({
    probe: system,
    settings: () => current,
    lock: (reason) => {
      locks.push(reason)
    },
    onError: (e) => errors.push(e),
    pollIntervalMs: 5_000,
  })
  autoLock.start()
  const change = (next: Partial<AutoLockSettings>) => (current = settings(next))
  return { system, locks, errors, autoLock, change }
}

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2025-06-01T10:00:00Z') })
})
afterEach(() => {
  vi.useRealTimers()
})

describe('auto-lock on idle time', () => {
  it('locks once the system has been idle for the configured minutes, not before', () => {
    const { locks } = setup({ idleMinutes: 2 })
    vi.advanceTimersByTime(115_000)
    expect(locks).toEqual([])
    vi.advanceTimersByTime(5_000)
    expect(locks).toEqual(['idle'])
  })

  it('locks only once per idle stretch, and again after input and a new stretch', () => {
    const { system, locks } = setup({ idleMinutes: 1 })
    vi.advanceTimersByTime(10 * 60_000)
    expect(locks).toEqual(['idle'])
    system.input()
    vi.advanceTimersByTime(30_000)
    expect(locks).toEqual(['idle'])
    vi.advanceTimersByTime(30_000)
    expect(locks).toEqual(['idle', 'idle'])
  })

  it('keeps an active user unlocked indefinitely', () => {
    const { system, locks } = setup({ idleMinutes: 1 })
    for (let i = 0; i < 60; i++) {
      vi.advanceTimersByTime(30_000)
      system.input()
    }
    expect(locks).toEqual([])
  })

  it('never locks on idle time when the setting is 0', () => {
    const { locks } = setup({ idleMinutes: 0 })
    vi.advanceTimersByTime(24 * 60 * 60_000)
    expect(locks).toEqual([])
  })

  it('applies new settings to the next sample', () => {
    const { change, locks } = setup({ idleMinutes: 30 })
    vi.advanceTimersByTime(3 * 60_000)
    expect(locks).toEqual([])
    change({ idleMinutes: 2 })
    vi.advanceTimersByTime(5_000)
    expect(locks).toEqual(['idle'])
  })

  it('stops sampling when stopped', () => {
    const { autoLock, locks } = setup({ idleMinutes: 1 })
    autoLock.stop()
    expect(autoLock.running).toBe(false)
    vi.advanceTimersByTime(10 * 60_000)
    expect(locks).toEqual([])
  })
})

describe('auto-lock on screen lock and suspend', () => {
  it('locks when polling sees a locked screen (Linux), once per locked period', () => {
    const { system, locks } = setup({ idleMinutes: 0 })
    system.screenLocked = true
    vi.advanceTimersByTime(5_000)
    expect(locks).toEqual(['screen-lock'])
    vi.advanceTimersByTime(60_000)
    expect(locks).toEqual(['screen-lock'])
    system.screenLocked = false
    vi.advanceTimersByTime(5_000)
    system.screenLocked = true
    vi.advanceTimersByTime(5_000)
    expect(locks).toEqual(['screen-lock', 'screen-lock'])
  })

  it('does not lock twice when the lock-screen event and polling both see the lock', () => {
    const { system, autoLock, locks } = setup({ idleMinutes: 0 })
    system.screenLocked = true
    autoLock.screenLocked()
    vi.advanceTimersByTime(30_000)
    expect(locks).toEqual(['screen-lock'])
  })

  it('locks once, not twice, when a locked screen is also past the idle limit', () => {
    const { system, locks } = setup({ idleMinutes: 1 })
    vi.advanceTimersByTime(55_000)
    system.screenLocked = true
    vi.advanceTimersByTime(5_000)
    vi.advanceTimersByTime(5 * 60_000)
    expect(locks).toEqual(['screen-lock'])
  })

  it('honours the screen-lock and suspend switches', () => {
    const off = setup({ idleMinutes: 0, lockOnScreenLock: false, lockOnSuspend: false })
    off.system.screenLocked = true
    off.autoLock.screenLocked()
    off.autoLock.suspended()
    vi.advanceTimersByTime(60_000)
    expect(off.locks).toEqual([])

    const on = setup({ idleMinutes: 0 })
    on.autoLock.suspended()
    expect(on.locks).toEqual(['suspend'])
  })
})

describe('auto-lock failure handling', () => {
  it('reports a failing lock and a failing probe instead of throwing from the timer', async () => {
    const errors: unknown[] = []
    const broken = new AutoLock({
      probe: {
        idleSeconds: () => {
          throw new Error('idle time unavailable')
        },
        idleState: () => 'unknown',
      },
      settings: () => settings(),
      lock: async () => {
        throw new Error('lock failed')
      },
      onError: (e) => errors.push(e),
    })
    broken.start()
    vi.advanceTimersByTime(5_000)
    broken.suspended()
    await vi.advanceTimersByTimeAsync(0)
    expect(errors.map((e) => (e as Error).message)).toEqual([
      'idle time unavailable',
      'lock failed',
    ])
    broken.stop()
  })
})

describe('auto-lock settings', () => {
  it('treats a nonsensical idle limit as never rather than at once', () => {
    for (const idleMinutes of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      const { locks } = setup({ idleMinutes })
      vi.advanceTimersByTime(60 * 60_000)
      expect(locks).toEqual([])
    }
  })

  it('reports a settings source that fails and keeps running', () => {
    const errors: unknown[] = []
    const locks: AutoLockReason[] = []
    let fail = true
    const autoLock = new AutoLock({
      probe: new FakeSystem(),
      settings: () => {
        if (fail) throw new Error('settings file unreadable')
        return settings({ idleMinutes: 1 })
      },
      lock: (reason) => {
        locks.push(reason)
      },
      onError: (e) => errors.push(e),
    })
    autoLock.start()
    autoLock.suspended()
    vi.advanceTimersByTime(5_000)
    expect(locks).toEqual([])
    expect(errors).toHaveLength(2)
    fail = false
    vi.advanceTimersByTime(60_000)
    expect(locks).toEqual(['idle'])
    autoLock.stop()
  })
})
