// A login's details: username, password, URLs, the linked 2FA key, and earlier passwords.
import { useState } from 'react'
import type { ItemDetail } from '../../../../src-shared/ipc-contract.ts'
import type { SessionId } from '../../../../src-shared/ids.ts'
import { api, call, errorMessage } from '../../api.ts'
import { useApp } from '../../app-context.ts'
import { formatDay } from '../../format.ts'
import { Icon } from '../Icons.tsx'
import { PlainValue, SecretValue, UrlRow } from './detail-values.tsx'

export function LoginProps({ detail: d }: { detail: ItemDetail }) {
  const common = { vaultId: d.vaultId, itemId: d.id }
  return (
    <>
      <dt>Username</dt>
      <dd>
        <PlainValue
          {...common}
          value={d.username || '—'}
          label="username"
          copyRef={d.username ? { kind: 'username' } : undefined}
        />
      </dd>
      <dt>Password</dt>
      <dd>
        {d.hasPassword ? (
          <SecretValue
            key={`${d.id}-${d.revision}`}
            {...common}
            secretRef={{ kind: 'password' }}
            label="password"
          />
        ) : (
          <span className="value hint">No password</span>
        )}
      </dd>
      {d.urls.map((url, i) => (
        <UrlRow key={i} url={url} index={i} {...common} />
      ))}
      {d.otpLinkTarget && (
        <>
          <dt>2FA key</dt>
          <dd>
            <Icon name="link" size={16} />
            <span className="value">
              {d.otpLinkTarget.state === 'unlocked'
                ? `${d.otpLinkTarget.title ?? ''} (in ${d.otpLinkTarget.vaultName ?? ''})`
                : d.otpLinkTarget.state === 'locked'
                  ? `In ${d.otpLinkTarget.vaultName ?? ''} (locked)`
                  : 'Not in any open vault'}
            </span>
          </dd>
        </>
      )}
    </>
  )
}

export function LoginBody({ detail: d }: { detail: ItemDetail }) {
  if (d.passwordHistoryCount === 0) return null
  return (
    <PasswordHistory
      key={`${d.id}-${d.revision}`}
      vaultId={d.vaultId}
      itemId={d.id}
      count={d.passwordHistoryCount}
    />
  )
}

/** Passwords a login had before, newest first: dates on request, each value behind its reveal. */
function PasswordHistory({
  vaultId,
  itemId,
  count,
}: {
  vaultId: SessionId
  itemId: string
  count: number
}) {
  const { notify } = useApp()
  const [dates, setDates] = useState<number[] | null>(null)
  if (dates === null) {
    return (
      <button
        type="button"
        className="btn small ghost"
        onClick={() =>
          void call(api().items.passwordHistory(vaultId, itemId))
            .then((h) => setDates(h.map((e) => e.replacedAt)))
            .catch((e: unknown) => notify(errorMessage(e), 'error'))
        }
      >
        <Icon name="clock" size={16} /> Earlier passwords ({count})
      </button>
    )
  }
  return (
    <>
      <h3 className="section-title">Earlier passwords</h3>
      <dl className="props">
        {dates.map((replacedAt, index) => (
          <PasswordHistoryRow
            key={index}
            vaultId={vaultId}
            itemId={itemId}
            index={index}
            replacedAt={replacedAt}
          />
        ))}
      </dl>
    </>
  )
}

function PasswordHistoryRow(props: {
  vaultId: SessionId
  itemId: string
  index: number
  replacedAt: number
}) {
  return (
    <>
      <dt>Until {formatDay(props.replacedAt)}</dt>
      <dd>
        <SecretValue
          vaultId={props.vaultId}
          itemId={props.itemId}
          secretRef={{ kind: 'history', index: props.index }}
          label={`password used until ${formatDay(props.replacedAt)}`}
        />
      </dd>
    </>
  )
}
