// The selected item: its fields with copy buttons, secrets behind reveal, the live code of a 2FA
// key (or of the key a login links to), and the item's actions.
import { useEffect, useState } from 'react'
import type {
  CopyRef,
  ItemDetail,
  RecoveryCode,
  SecretRef,
} from '../../../src-shared/ipc-contract.ts'
import { api, call, errorMessage } from '../api.ts'
import { useApp } from '../app-context.ts'
import { formatDate, groupCode, initials } from '../format.ts'
import { useLiveCodes } from '../hooks/useLiveCodes.ts'
import { useNow } from '../hooks/useNow.ts'
import { ITEM_KINDS } from '../item-kinds.ts'
import { Icon } from './Icons.tsx'
import { LiveCodeRing } from './LiveCodeRing.tsx'
import type { SessionId } from '../../../src-shared/ids.ts'

export interface DetailActions {
  onEdit: () => void
  onShowKey: () => void
  onTrash: () => void
  onRestore: () => void
  onPurge: () => void
  onAddRecoveryCodes: (issuer: string) => void
}

function CopyButton({ label, onCopy }: { label: string; onCopy: () => void }) {
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
function SecretValue({
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

function PlainValue({
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

const UNAVAILABLE: Record<string, string> = {
  'vault-locked': 'The vault is locked.',
  'linked-vault-locked': 'Unlock the vault that holds this 2FA key to see its code.',
  'linked-missing': 'The linked 2FA key is not in an open vault.',
  'not-found': 'This item is gone.',
  'no-otp': 'No 2FA key.',
}

/** The live code card: TOTP by the clock with the next code, HOTP on request. */
function CodeCard({
  vaultId,
  itemId,
  linked,
}: {
  vaultId: SessionId
  itemId: string
  linked: boolean
}) {
  const { epoch, copy, copyText, notify } = useApp()
  const codes = useLiveCodes(vaultId, [itemId], epoch)
  const now = useNow(1000)
  const [hotp, setHotp] = useState<{ code: string; counter: number } | null>(null)
  const info = codes.get(itemId)
  if (!info) return null
  if (info.status === 'unavailable') {
    return (
      <div className="code-card" role="status">
        <Icon name={linked ? 'link' : 'shield'} size={22} />
        <span className="grow hint">{UNAVAILABLE[info.reason]}</span>
      </div>
    )
  }
  if (info.status === 'hotp') {
    const next = async () => {
      try {
        setHotp(await call(api().codes.hotpNext(vaultId, itemId)))
      } catch (e) {
        notify(errorMessage(e), 'error')
      }
    }
    return (
      <div className="code-card">
        <div className="grow">
          <div className="code-big" aria-live="polite" data-testid="hotp-code">
            {hotp ? groupCode(hotp.code) : '–'.repeat(info.digits)}
          </div>
          <div className="code-next">
            {hotp ? `Counter ${hotp.counter} · ` : ''}Next counter {info.counter}
          </div>
        </div>
        <button type="button" className="btn" onClick={() => void next()}>
          <Icon name="next" /> Next code
        </button>
        {hotp && <CopyButton label="code" onCopy={() => void copyText(hotp.code, 'Code')} />}
      </div>
    )
  }
  const remaining = info.validUntil - now
  const current = remaining > 0 ? info.code : info.nextCode
  return (
    <div className="code-card">
      <LiveCodeRing remainingMs={Math.max(0, remaining)} periodMs={info.period * 1000} size={40} />
      <div className="grow">
        <div className="code-big" data-testid="live-code" data-code={current}>
          {groupCode(current)}
        </div>
        <div className="code-next">
          Next:{' '}
          <span className="mono" data-testid="next-code">
            {groupCode(info.nextCode)}
          </span>
          {linked ? ' · from the linked 2FA key' : ''}
        </div>
      </div>
      <button
        type="button"
        className="btn"
        onClick={() => void copy(vaultId, itemId, { kind: 'code' }, 'Code')}
      >
        <Icon name="copy" /> Copy code
      </button>
    </div>
  )
}

function RecoveryCodes({ detail }: { detail: ItemDetail }) {
  const { copy, notify } = useApp()
  // Shown codes belong to one revision: an edit elsewhere hides them, marking one used does not.
  const [shown, setShown] = useState<{ revision: number; codes: RecoveryCode[] } | null>(null)
  const codes = shown?.revision === detail.revision ? shown.codes : null
  const show = async () => {
    try {
      const list = await call(api().items.recoveryCodes(detail.vaultId, detail.id))
      setShown({ revision: detail.revision, codes: list })
    } catch (e) {
      notify(errorMessage(e), 'error')
    }
  }
  const toggleUsed = async (index: number) => {
    if (!codes) return
    const next = codes.map((c, i) => (i === index ? { ...c, used: !c.used } : c))
    // Shown at once; undone if the vault refuses the change.
    setShown({ revision: detail.revision, codes: next })
    try {
      const saved = await call(
        api().items.update(detail.vaultId, detail.id, detail.revision, {
          kind: 'recovery-codes',
          title: detail.storedTitle,
          issuer: detail.issuer,
          notes: detail.notes,
          tags: detail.tags,
          codes: next,
        }),
      )
      setShown({ revision: saved.revision, codes: next })
    } catch (e) {
      setShown({ revision: detail.revision, codes })
      notify(errorMessage(e), 'error')
    }
  }
  if (!codes) {
    return (
      <button type="button" className="btn" onClick={() => void show()}>
        <Icon name="eye" /> Show {detail.recoveryCodes?.total ?? 0} codes
      </button>
    )
  }
  return (
    <>
      <ul className="codes-grid" aria-label="Recovery codes">
        {codes.map((c, i) => (
          <li key={i}>
            <input
              type="checkbox"
              checked={c.used}
              aria-label={`Code ${i + 1} used`}
              onChange={() => void toggleUsed(i)}
            />
            <span className={`mono${c.used ? ' used' : ''}`}>{c.code}</span>
            <CopyButton
              label={`recovery code ${i + 1}`}
              onCopy={() =>
                void copy(
                  detail.vaultId,
                  detail.id,
                  { kind: 'recovery-code', index: i },
                  'Recovery code',
                )
              }
            />
          </li>
        ))}
      </ul>
      <button type="button" className="btn small ghost" onClick={() => setShown(null)}>
        <Icon name="eyeOff" size={16} /> Hide codes
      </button>
    </>
  )
}

export function DetailPane({
  vaultId,
  itemId,
  revision,
  actions,
}: {
  vaultId: SessionId
  itemId: string | null
  revision: number | null
  actions: DetailActions
}) {
  const app = useApp()
  const { vaults, epoch, notify } = app
  const [detail, setDetail] = useState<ItemDetail | null>(null)

  useEffect(() => {
    let cancelled = false
    if (!itemId) return
    call(api().items.detail(vaultId, itemId))
      .then((d) => !cancelled && setDetail(d))
      .catch((e: unknown) => {
        if (!cancelled) {
          setDetail(null)
          notify(errorMessage(e), 'error')
        }
      })
    return () => {
      cancelled = true
    }
  }, [vaultId, itemId, revision, epoch, notify])

  if (!itemId || !detail || detail.id !== itemId) {
    return (
      <section className="detail" aria-label="Item details">
        <div className="empty">
          Select an item to see it here.
          <br />
          <br />
          <kbd>Ctrl</kbd>+<kbd>F</kbd> search · <kbd>Ctrl</kbd>+<kbd>C</kbd> password ·{' '}
          <kbd>Ctrl</kbd>+<kbd>B</kbd> username · <kbd>Ctrl</kbd>+<kbd>T</kbd> code ·{' '}
          <kbd>Ctrl</kbd>+<kbd>L</kbd> lock
        </div>
      </section>
    )
  }

  const d = detail
  const vaultName = vaults.find((v) => v.id === vaultId)?.name ?? ''
  const trashed = d.deletedAt !== null
  const kindName = ITEM_KINDS[d.kind].label
  const common = { vaultId, itemId: d.id }

  return (
    <section className="detail" aria-label="Item details">
      <div className="detail-head">
        <div className="avatar" aria-hidden="true">
          {initials(d.title)}
        </div>
        <div className="detail-title">
          <h2>{d.title}</h2>
          <div className="sub">
            {kindName} · {vaultName}
            {trashed ? ' · in the trash' : ''}
          </div>
        </div>
        {!trashed && (
          <button
            type="button"
            className={`icon-btn favourite${d.favourite ? ' on' : ''}`}
            aria-pressed={d.favourite}
            aria-label="Favourite"
            title={d.favourite ? 'Remove from favourites' : 'Add to favourites'}
            onClick={() =>
              void call(api().items.setFavourite(vaultId, d.id, !d.favourite)).catch((e: unknown) =>
                app.notify(errorMessage(e), 'error'),
              )
            }
          >
            <Icon name="star" />
          </button>
        )}
      </div>

      <div className="detail-actions">
        {trashed ? (
          <>
            <button type="button" className="btn" onClick={actions.onRestore}>
              <Icon name="restore" /> Restore
            </button>
            <button type="button" className="btn danger" onClick={actions.onPurge}>
              <Icon name="trash" /> Delete for good…
            </button>
          </>
        ) : (
          <>
            <button type="button" className="btn" onClick={actions.onEdit}>
              <Icon name="edit" /> Edit
            </button>
            {d.kind === 'otp' && (
              <button type="button" className="btn" onClick={actions.onShowKey}>
                <Icon name="qr" /> Show key…
              </button>
            )}
            {d.kind === 'otp' && (
              <button
                type="button"
                className="btn"
                onClick={() => actions.onAddRecoveryCodes(d.issuer)}
              >
                <Icon name="plus" /> Recovery codes…
              </button>
            )}
            <button
              type="button"
              className="icon-btn push-right"
              aria-label="Move to trash"
              title="Move to trash (Delete)"
              onClick={actions.onTrash}
            >
              <Icon name="trash" />
            </button>
          </>
        )}
      </div>

      {!trashed && d.kind === 'otp' && (
        <CodeCard key={d.id} vaultId={vaultId} itemId={d.id} linked={false} />
      )}
      {!trashed && d.kind === 'login' && d.otpLink && (
        <CodeCard key={d.id} vaultId={vaultId} itemId={d.id} linked />
      )}

      <dl className="props">
        {d.kind === 'login' && (
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
              <UrlRow key={i} url={url} index={i} vaultId={vaultId} itemId={d.id} />
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
        )}
        {d.kind === 'otp' && (
          <>
            <dt>Issuer</dt>
            <dd>
              <span className="value">{d.issuer || '—'}</span>
            </dd>
            <dt>Account</dt>
            <dd>
              <PlainValue
                {...common}
                value={d.account || '—'}
                label="account"
                copyRef={d.account ? { kind: 'username' } : undefined}
              />
            </dd>
            <dt>Type</dt>
            <dd>
              <span className="value">
                {d.otp?.encoder === 'steam'
                  ? 'Steam Guard'
                  : `${d.otp?.kind.toUpperCase() ?? ''} · ${d.otp?.algorithm ?? ''} · ${d.otp?.digits ?? ''} digits${d.otp?.kind === 'totp' ? ` · ${d.otp.period} s` : ''}`}
              </span>
            </dd>
          </>
        )}
        {d.kind === 'recovery-codes' && (
          <>
            <dt>Issuer</dt>
            <dd>
              <span className="value">{d.issuer || '—'}</span>
            </dd>
            <dt>Codes</dt>
            <dd>
              <span className="value">
                {d.recoveryCodes
                  ? `${d.recoveryCodes.total - d.recoveryCodes.used} of ${d.recoveryCodes.total} unused`
                  : '—'}
              </span>
            </dd>
          </>
        )}
        {d.fields.map((f, i) => (
          <FieldRow
            key={i}
            name={f.name}
            value={f.value}
            index={i}
            vaultId={vaultId}
            itemId={d.id}
            revision={d.revision}
          />
        ))}
      </dl>

      {d.kind === 'login' && d.passwordHistoryCount > 0 && (
        <PasswordHistory
          key={`${d.id}-${d.revision}`}
          vaultId={vaultId}
          itemId={d.id}
          count={d.passwordHistoryCount}
        />
      )}
      {d.kind === 'recovery-codes' && !trashed && <RecoveryCodes key={d.id} detail={d} />}
      {d.kind === 'note' && (
        <NoteBody key={`${d.id}-${d.revision}`} vaultId={vaultId} itemId={d.id} />
      )}
      {d.kind !== 'note' && d.notes && (
        <>
          <h3 className="section-title">Notes</h3>
          <div className="notes">{d.notes}</div>
        </>
      )}
      {d.tags.length > 0 && (
        <>
          <h3 className="section-title">Tags</h3>
          <div className="tags">
            {d.tags.map((t) => (
              <button
                type="button"
                className="tag"
                key={t}
                aria-label={`Show items tagged ${t}`}
                onClick={() => app.showTag(t)}
              >
                {t}
              </button>
            ))}
          </div>
        </>
      )}
      <p className="meta">
        Created {formatDate(d.createdAt)} · Modified {formatDate(d.updatedAt)}
      </p>
    </section>
  )
}

function UrlRow({
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

function FieldRow(props: {
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

function NoteBody({ vaultId, itemId }: { vaultId: SessionId; itemId: string }) {
  const { notify } = useApp()
  const [body, setBody] = useState<string | null>(null)
  if (body === null) {
    return (
      <button
        type="button"
        className="btn"
        onClick={() =>
          void call(api().items.reveal(vaultId, itemId, { kind: 'note-body' }))
            .then(setBody)
            .catch((e: unknown) => notify(errorMessage(e), 'error'))
        }
      >
        <Icon name="eye" /> Show note
      </button>
    )
  }
  return (
    <>
      <div className="notes" data-testid="note-body">
        {body}
      </div>
      <button type="button" className="btn small ghost" onClick={() => setBody(null)}>
        <Icon name="eyeOff" size={16} /> Hide note
      </button>
    </>
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
      <dt>Until {formatDate(props.replacedAt)}</dt>
      <dd>
        <SecretValue
          vaultId={props.vaultId}
          itemId={props.itemId}
          secretRef={{ kind: 'history', index: props.index }}
          label={`password used until ${formatDate(props.replacedAt)}`}
        />
      </dd>
    </>
  )
}
