import { describe, expect, it } from 'vitest'
import { createLocker, type LockSteps } from '../../src-main/services/auto-lock-actions.ts'
import type { LockReason } from '../../src-shared/ipc-contract.ts'

function recordingSteps(fail: Partial<Record<keyof LockSteps, boolean>> = {}) {
  const order: string[] = []
  const step =
    (name: keyof LockSteps) =>
    async (...args: unknown[]) => {
      order.push(args.length ? `${name}(${String(args[0])})` : name)
      if (fail[name]) throw new Error(`${name} broke`)
    }
  const steps: LockSteps = {
    lockAllVaults: step('lockAllVaults'),
    notifyRenderers: (reason: LockReason) => {
      order.push(`notifyRenderers(${reason})`)
      if (fail.notifyRenderers) throw new Error('notify broke')
    },
    clearClipboard: step('clearClipboard'),
    forgetPending: () => {
      order.push('forgetPending')
    },
  }
  return { steps, order }
}

describe('locker', () => {
  it('drops keys first, then tells the windows, forgets pending results and clears the clipboard', async () => {
    const { steps, order } = recordingSteps()
    await createLocker(steps, () => {})('idle')
    expect(order).toEqual([
      'lockAllVaults',
      'notifyRenderers(idle)',
      'forgetPending',
      'clearClipboard',
    ])
  })

  it('runs every step even when one fails, and reports the failure', async () => {
    const { steps, order } = recordingSteps({ lockAllVaults: true, notifyRenderers: true })
    const errors: string[] = []
    await createLocker(steps, (step, e) => errors.push(`${step}: ${(e as Error).message}`))('quit')
    expect(order).toEqual([
      'lockAllVaults',
      'notifyRenderers(quit)',
      'forgetPending',
      'clearClipboard',
    ])
    expect(errors).toEqual(['lock vaults: lockAllVaults broke', 'notify windows: notify broke'])
  })
})
