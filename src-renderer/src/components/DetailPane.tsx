// The selected item: its head and actions, the live code of a 2FA key (or of the key a login
// links to), then one section per kind (detail/), custom fields, notes and tags.
import { useEffect, useState, type ComponentType } from 'react'
import type { ItemDetail, ItemKind } from '../../../src-shared/ipc-contract.ts'
import type { SessionId } from '../../../src-shared/ids.ts'
import { api, call, errorMessage } from '../api.ts'
import { useApp } from '../app-context.ts'
import { formatDate, initials } from '../format.ts'
import { ITEM_KINDS } from '../item-kinds.ts'
import { CodeCard } from './detail/CodeCard.tsx'
import { FieldRow } from './detail/detail-values.tsx'
import { LoginBody, LoginProps } from './detail/LoginDetail.tsx'
import { NoteBody } from './detail/NoteDetail.tsx'
import { OtpProps } from './detail/OtpDetail.tsx'
import { RecoveryCodesBody, RecoveryCodesProps } from './detail/RecoveryCodesDetail.tsx'
import { groupPathLabel } from '../../../src-shared/group-path.ts'
import { Icon } from './Icons.tsx'

export interface DetailActions {
  onEdit: () => void
  onShowKey: () => void
  onTrash: () => void
  onRestore: () => void
  onPurge: () => void
  onAddRecoveryCodes: (issuer: string) => void
  /** Opens "Move to group…" for this item (absent where groups cannot be changed). */
  onMoveToGroup?: () => void
}

interface SectionProps {
  detail: ItemDetail
  trashed: boolean
}

/** Per kind: rows of the properties list (before custom fields), and what follows the list. */
const SECTIONS: Record<
  ItemKind,
  { Props?: ComponentType<SectionProps>; Body?: ComponentType<SectionProps> }
> = {
  login: { Props: LoginProps, Body: LoginBody },
  otp: { Props: OtpProps },
  'recovery-codes': { Props: RecoveryCodesProps, Body: RecoveryCodesBody },
  note: { Body: NoteBody },
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
  const { Props, Body } = SECTIONS[d.kind]

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
            {d.group.length > 0 && (
              <>
                {' · '}
                <span className="visually-hidden">group </span>
                {groupPathLabel(d.group)}
              </>
            )}
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
            {actions.onMoveToGroup && (
              <button
                type="button"
                className="btn"
                title="Move to group (Ctrl+G)"
                onClick={actions.onMoveToGroup}
              >
                <Icon name="folder" /> Move to group…
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

      {!trashed && (d.kind === 'otp' || (d.kind === 'login' && d.otpLink)) && (
        <CodeCard key={d.id} vaultId={vaultId} itemId={d.id} linked={d.kind !== 'otp'} />
      )}

      <dl className="props">
        {Props && <Props detail={d} trashed={trashed} />}
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

      {Body && <Body detail={d} trashed={trashed} />}
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
