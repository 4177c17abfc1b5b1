// The item list: virtualized (only visible rows exist in the DOM, so 10,000 items scroll as
// smoothly as 10), a listbox for assistive technology, driven by arrow keys, with the live code
// of every visible 2FA key (and of logins linked to one).
import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useRef, type KeyboardEvent } from 'react'
import type { CodeInfo, ItemSummary } from '../../../src-shared/ipc-contract.ts'
import { useApp } from '../app-context.ts'
import { groupCode } from '../format.ts'
import { useLiveCodes } from '../hooks/useLiveCodes.ts'
import { useNow } from '../hooks/useNow.ts'
import { ITEM_KINDS } from '../item-kinds.ts'
import { SORT_LABELS, type SortKey, type SortOrder } from '../item-order.ts'
import { DRAG_TYPE } from '../groups/GroupTree.tsx'
import { Icon } from './Icons.tsx'
import { LiveCodeRing } from './LiveCodeRing.tsx'
import type { SessionId } from '../../../src-shared/ids.ts'

const ROW_HEIGHT = 44

function secondary(item: ItemSummary): string {
  switch (item.kind) {
    case 'login':
      return item.username || item.urls[0] || ''
    case 'otp':
      return item.title === item.issuer
        ? item.account
        : [item.issuer, item.account].filter(Boolean).join(' · ')
    case 'recovery-codes':
      return item.recoveryCodes
        ? `${item.recoveryCodes.total - item.recoveryCodes.used} unused`
        : ''
    case 'note':
      return item.tags.join(', ')
  }
}

interface ItemListProps {
  vaultId: SessionId
  items: ItemSummary[]
  selectedId: string | null
  onSelect: (id: string) => void
  onActivate: (id: string) => void
  onDelete: (id: string) => void
  emptyText: string
  /** For a search across vaults: the vault of an item found outside the selected one. */
  otherVaultName?: (item: ItemSummary) => string | null
  order: SortOrder
  onOrder: (order: SortOrder) => void
  /** The tag the list is narrowed to, if any. */
  tag: string | null
  onClearTag: () => void
  /**
   * Items picked besides the selected one (Ctrl+click, or Space), to drag or move together. The
   * list is multi-selectable only when this is given.
   */
  marked?: ReadonlySet<string>
  onToggleMark?: (id: string) => void
  onClearMarks?: () => void
}

export function ItemList({
  vaultId,
  items,
  selectedId,
  onSelect,
  onActivate,
  onDelete,
  emptyText,
  otherVaultName,
  order,
  onOrder,
  tag,
  onClearTag,
  marked,
  onToggleMark,
  onClearMarks,
}: ItemListProps) {
  const { epoch } = useApp()
  const scrollRef = useRef<HTMLDivElement>(null)
  // TanStack Virtual hands out new functions each render, so the React Compiler leaves this
  // component as it is; it re-renders only when its props or scroll position change anyway.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  })
  const virtualRows = virtualizer.getVirtualItems()
  const visibleCodeIds = virtualRows
    .map((r) => items[r.index])
    .filter(
      (i): i is ItemSummary =>
        !!i &&
        i.vaultId === vaultId &&
        i.deletedAt === null &&
        (i.otp?.kind === 'totp' || i.otpLink !== null),
    )
    .map((i) => i.id)
  const codes = useLiveCodes(vaultId, visibleCodeIds, epoch)
  const now = useNow(1000)
  const selectedIndex = items.findIndex((i) => i.id === selectedId)

  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' })
  }, [selectedIndex, virtualizer])

  const onKeyDown = (e: KeyboardEvent) => {
    if (items.length === 0) return
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / ROW_HEIGHT) - 1)
    const moves: Record<string, number> = {
      ArrowDown: selectedIndex + 1,
      ArrowUp: selectedIndex - 1,
      PageDown: selectedIndex + page,
      PageUp: selectedIndex - page,
      Home: 0,
      End: items.length - 1,
    }
    const target = moves[e.key]
    if (target !== undefined) {
      e.preventDefault()
      const next = items[Math.max(0, Math.min(items.length - 1, target))]
      if (next) onSelect(next.id)
    } else if (e.key === 'Enter' && selectedId) {
      e.preventDefault()
      onActivate(selectedId)
    } else if (e.key === ' ' && selectedId && onToggleMark) {
      e.preventDefault()
      onToggleMark(selectedId)
    } else if (e.key === 'Delete' && selectedId) {
      e.preventDefault()
      onDelete(selectedId)
    }
  }

  return (
    <section className="list-pane" aria-label="Item list">
      <div className="list-tools" role="group" aria-label="Sort by">
        <span aria-hidden="true">Sort by</span>
        {(Object.keys(SORT_LABELS) as SortKey[]).map((k) => (
          <button
            key={k}
            type="button"
            className="btn small"
            aria-pressed={order.key === k}
            onClick={() => onOrder({ ...order, key: k })}
          >
            {SORT_LABELS[k]}
          </button>
        ))}
        <button
          type="button"
          className="btn small"
          aria-pressed={order.descending}
          onClick={() => onOrder({ ...order, descending: !order.descending })}
        >
          <span aria-hidden="true">{order.descending ? '↓ ' : '↑ '}</span>
          Descending
        </button>
        {tag !== null && (
          <button type="button" className="btn small" onClick={onClearTag}>
            Tagged “{tag}” <span aria-hidden="true">×</span>
            <span className="visually-hidden">: show all tags</span>
          </button>
        )}
      </div>
      <div className="list-header" aria-hidden="true">
        <span />
        <span>Title</span>
        <span>Username / account</span>
        <span className="code-head">Code</span>
      </div>
      {items.length === 0 ? (
        <div className="empty">{emptyText}</div>
      ) : (
        <div
          ref={scrollRef}
          className="list-scroll"
          role="listbox"
          aria-label={`Items (${items.length})`}
          tabIndex={0}
          aria-activedescendant={selectedIndex >= 0 ? `row-${selectedId}` : undefined}
          aria-multiselectable={onToggleMark ? true : undefined}
          onKeyDown={onKeyDown}
        >
          <div
            className="list-inner"
            role="presentation"
            style={{ height: virtualizer.getTotalSize() }}
          >
            {virtualRows.map((row) => {
              const item = items[row.index]
              if (!item) return null
              return (
                <div
                  key={item.id}
                  id={`row-${item.id}`}
                  role="option"
                  aria-selected={item.id === selectedId || (marked?.has(item.id) ?? false)}
                  aria-setsize={items.length}
                  aria-posinset={row.index + 1}
                  className={marked?.has(item.id) ? 'row marked' : 'row'}
                  style={{ transform: `translateY(${row.start}px)` }}
                  onClick={(e) => {
                    if ((e.ctrlKey || e.metaKey) && onToggleMark) onToggleMark(item.id)
                    else {
                      onSelect(item.id)
                      onClearMarks?.()
                    }
                  }}
                  onDoubleClick={() => onActivate(item.id)}
                  draggable={item.deletedAt === null}
                  onDragStart={(e) => {
                    // Onto a group in the sidebar: the item moves into it (see GroupTree).
                    e.dataTransfer.setData(
                      DRAG_TYPE,
                      JSON.stringify({
                        vaultId: item.vaultId,
                        // A picked row takes every picked row along (and the selected one).
                        itemIds: marked?.has(item.id)
                          ? [...new Set([...marked, ...(selectedId ? [selectedId] : [])])]
                          : [item.id],
                      }),
                    )
                    e.dataTransfer.effectAllowed = 'move'
                  }}
                >
                  <span className="kind-icon" title={ITEM_KINDS[item.kind].label}>
                    <Icon name={ITEM_KINDS[item.kind].icon} />
                    <span className="visually-hidden">{ITEM_KINDS[item.kind].label}: </span>
                  </span>
                  <span className="primary-text">
                    {item.title}
                    {otherVaultName?.(item) && (
                      <span className="vault-tag"> in {otherVaultName(item)}</span>
                    )}
                  </span>
                  <span className="secondary-text">{secondary(item)}</span>
                  <CodeCell code={codes.get(item.id)} now={now} />
                </div>
              )
            })}
          </div>
        </div>
      )}
    </section>
  )
}

function CodeCell({ code, now }: { code: CodeInfo | undefined; now: number }) {
  if (!code || code.status !== 'totp') return <span className="code-cell" />
  const remaining = code.validUntil - now
  return (
    <span className="code-cell">
      <span className="visually-hidden">code </span>
      {remaining > 0 ? groupCode(code.code) : groupCode(code.nextCode)}
      <LiveCodeRing
        remainingMs={Math.max(0, remaining)}
        periodMs={code.period * 1000}
        size={20}
        showSeconds={false}
      />
    </span>
  )
}
