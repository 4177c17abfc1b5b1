// What "lock" means for the whole app, whoever asks (auto-lock, tray, menu, picker, quit): drop
// every vault key in main first, then tell every window to forget what it shows, then clear a
// clipboard that still holds a Cairn secret. Each step runs even when an earlier one failed,
// because a half-done lock is worse than a reported error.
import type { LockReason } from '../../src-shared/ipc-contract.ts'

export interface LockSteps {
  /** The sessions manager's lock-all: zeroes and drops every vault key. */
  lockAllVaults(): void | Promise<void>
  /** Tells the renderers to clear secrets, codes and lists. */
  notifyRenderers(reason: LockReason): void
  /** Clears the clipboard (and Linux selection) if it still holds what Cairn wrote. */
  clearClipboard(): Promise<unknown>
  /** Drops anything else held for a later step, such as unconfirmed scan results. */
  forgetPending(): void
}

export type Locker = (reason: LockReason) => Promise<void>

export function createLocker(
  steps: LockSteps,
  onError: (step: string, error: unknown) => void,
): Locker {
  return async (reason) => {
    const run = async (name: string, step: () => unknown) => {
      try {
        await step()
      } catch (error) {
        onError(name, error)
      }
    }
    await run('lock vaults', () => steps.lockAllVaults())
    await run('notify windows', () => steps.notifyRenderers(reason))
    await run('forget pending', () => steps.forgetPending())
    await run('clear clipboard', () => steps.clearClipboard())
  }
}
