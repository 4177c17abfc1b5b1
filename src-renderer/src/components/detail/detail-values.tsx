// The value cells of an item's details: plain text with a copy button, and secrets shown as dots
// until revealed (main sends a secret only when asked, and hiding forgets it).
import { useState } from 'react'
import type { CopyRef, SecretRef } from '../../../../src-shared/ipc-contract.ts'
import type { SessionId } from '../../../../src-shared/ids.ts'
import { api, call, errorMessage } from '../../api.ts'
import { useApp } from '../../app-context.ts'
import { Icon } from '../Icons.tsx'

export function CopyButton({ label, onCopy }: { label: string; onCopy: () => void }) {
  return (
    <button
      type="button"
      className="icon-btn"
      aria-label={`Copy ${label}`}
      title={`Copy ${label}`}
      onClick={onCopy}
    >
      <Icon name="copy" size={16} />
    </button>
  )
}

/** A secret shown as dots until revealed; revealing asks main for it, hiding forgets it. */
export function SecretValue({
  vaultId,
  itemId,
  secretRef,
  label,
}: {
  vaultId: SessionId
  itemId: string
  secretRef: SecretRef
  label: string
}) {
  const { copy, notify } = useApp()
  const [value, setValue] = useState<string | null>(null)
  // The parent keys this component by item and revision: another item or an edit hides it again.
  const toggle = async () => {
    if (value !== null) return setValue(null)
    try {
      setValue(await call(api().items.reveal(vaultId, itemId, secretRef)))
    } catch (e) {
      notify(errorMessage(e), 'error')
    }
  }
  return (
    <>
      <span className={`value mono${value === null ? ' masked' : ''}`}>
        {value ?? '••••••••••'}
      </span>
      <button
        type="button"
        className="icon-btn"
        aria-label={value === null ? `Reveal ${label}` : `Hide ${label}`}
        aria-pressed={value !== null}
        onClick={() => void toggle()}
      >
        <Icon name={value === null ? 'eye' : 'eyeOff'} size={16} />
      </button>
      <CopyButton label={label} onCopy={() => void copy(vaultId, itemId, secretRef, label)} />
    </>
  )
}

export function PlainValue({
  value,
  label,
  copyRef,
  vaultId,
  itemId,
}: {
  value: string
  label: string
  copyRef?: CopyRef
  vaultId: SessionId
  itemId: string
}) {
  const { copy } = useApp()
  return (
    <>
      <span className="value">{value}</span>
      {copyRef && (
        <CopyButton label={label} onCopy={() => void copy(vaultId, itemId, copyRef, label)} />
      )}
    </>
  )
}

export function UrlRow({
  url,
  index,
  vaultId,
  itemId,
}: {
  url: string
  index: number
  vaultId: SessionId
  itemId: string
}) {
  return (
    <>
      <dt>{index === 0 ? 'URL' : `URL ${index + 1}`}</dt>
      <dd>
        <PlainValue
          vaultId={vaultId}
          itemId={itemId}
          value={url}
          label="URL"
          copyRef={{ kind: 'url', index }}
        />
      </dd>
    </>
  )
}

export function FieldRow(props: {
  name: string
  value: string | null
  index: number
  vaultId: SessionId
  itemId: string
  revision: number
}) {
  const { name, value, index, vaultId, itemId, revision } = props
  return (
    <>
      <dt>{name}</dt>
      <dd>
        {value === null ? (
          <SecretValue
            key={`${itemId}-${revision}`}
            vaultId={vaultId}
            itemId={itemId}
            secretRef={{ kind: 'field', index }}
            label={name}
          />
        ) : (
          <PlainValue
            vaultId={vaultId}
            itemId={itemId}
            value={value}
            label={name}
            copyRef={{ kind: 'field', index }}
          />
        )}
      </dd>
    </>
  )
}
