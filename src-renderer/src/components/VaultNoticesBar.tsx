// What the vault core said about the selected vault's session (a one-time code used elsewhere, a
// slot below the floor or re-tuned, slot rows it ignores), each with the step that answers it.
// A dismissed sentence stays hidden for this window's life; the vault settings keep the facts.
import { useState } from 'react'
import type { VaultInfo, VaultNotice } from '../../../src-shared/ipc-contract.ts'

const ACTION_LABELS: Record<NonNullable<VaultNotice['action']>, string> = {
  'accept-current': 'Review…',
  'rotate-key': 'Rotate the vault key…',
  'change-password': 'Change the master password…',
}

export function VaultNoticesBar({
  vault,
  onAction,
}: {
  vault: VaultInfo | null
  onAction: (vault: VaultInfo, action: NonNullable<VaultNotice['action']>) => void
}) {
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set())
  const shown =
    vault?.state === 'unlocked'
      ? vault.notices.filter((n) => !dismissed.has(`${vault.id}\n${n.text}`))
      : []
  return (
    <div className="vault-notices" aria-live="polite">
      {vault &&
        shown.map((n) => (
          <p
            key={n.text}
            className={n.action ? 'notice warn' : 'notice'}
            role="status"
            data-testid="vault-notice"
          >
            <span className="grow">{n.text}</span>
            {n.action && (
              <button
                type="button"
                className="btn small"
                onClick={() => onAction(vault, n.action!)}
              >
                {ACTION_LABELS[n.action]}
              </button>
            )}
            <button
              type="button"
              className="btn small ghost"
              aria-label="Dismiss this notice"
              onClick={() => setDismissed((d) => new Set(d).add(`${vault.id}\n${n.text}`))}
            >
              Dismiss
            </button>
          </p>
        ))}
    </div>
  )
}
