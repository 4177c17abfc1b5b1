import { EventEmitter } from 'node:events'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  connectAutoLock,
  powerMonitorProbe,
} from '../../../src-main/electron/adapters/auto-lock-adapter.ts'
import { AutoLock, type AutoLockReason } from '../../../src-main/services/auto-lock.ts'

/** Stands in for Electron's powerMonitor: events plus the idle queries, driven by the test. */
class FakePowerMonitor extends EventEmitter {
  idleTime = 0
  locked = false
  getSystemIdleTime(): number {
    return this.idleTime
  }
  getSystemIdleState(threshold: number): 'active' | 'idle' | 'locked' | 'unknown' {
    if (this.locked) return 'locked'
    return this.idleTime >= threshold ? 'idle' : 'active'
  }
}

function setup(idleMinutes = 5) {
  const powerMonitor = new FakePowerMonitor()
  const locks: AutoLockReason[] = []
  const autoLock = new AutoLock({
    probe: powerMonitorProbe(powerMonitor),
    settings: () => ({ idleMinutes, lockOnSuspend: true, lockOnScreenLock: true }),
    lock: (reason) => {
      locks.push(reason)
    },
  })
  const disconnect = connectAutoLock(powerMonitor, autoLock)
  return { powerMonitor, locks, autoLock, disconnect }
}

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('auto-lock Electron adapter', () => {
  it('locks on the suspend event', () => {
    const { powerMonitor, locks } = setup()
    powerMonitor.emit('suspend')
    expect(locks).toEqual(['suspend'])
  })

  it('locks on the macOS/Windows lock-screen event', () => {
    const { powerMonitor, locks } = setup()
    powerMonitor.emit('lock-screen')
    expect(locks).toEqual(['screen-lock'])
  })

  it('locks when the polled idle state says locked (Linux) and when idle time passes the limit', () => {
    const { powerMonitor, locks } = setup(5)
    powerMonitor.locked = true
    vi.advanceTimersByTime(5_000)
    expect(locks).toEqual(['screen-lock'])
    powerMonitor.locked = false
    powerMonitor.idleTime = 299
    vi.advanceTimersByTime(5_000)
    expect(locks).toEqual(['screen-lock'])
    powerMonitor.idleTime = 300
    vi.advanceTimersByTime(5_000)
    expect(locks).toEqual(['screen-lock', 'idle'])
  })

  it('stops listening and polling when disconnected', () => {
    const { powerMonitor, locks, autoLock, disconnect } = setup()
    disconnect()
    expect(autoLock.running).toBe(false)
    expect(powerMonitor.listenerCount('suspend')).toBe(0)
    expect(powerMonitor.listenerCount('lock-screen')).toBe(0)
    powerMonitor.emit('suspend')
    powerMonitor.idleTime = 10_000
    vi.advanceTimersByTime(60_000)
    expect(locks).toEqual([])
  })
})
