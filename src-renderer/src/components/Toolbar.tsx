// The toolbar: add (every item type), generator, lock, settings, and the search field.
import { forwardRef, useEffect, useRef, useState } from 'react'
import type { ItemKind } from '../../../src-shared/ipc-contract.ts'
import { ITEM_KIND_ORDER, ITEM_KINDS } from '../item-kinds.ts'
import { BrandMark } from './BrandMark.tsx'
import { Icon, type IconName } from './Icons.tsx'

const ADD_ITEMS: { kind: ItemKind; label: string; icon: IconName; keys?: string }[] =
  ITEM_KIND_ORDER.map((kind) => ({
    kind,
    ...ITEM_KINDS[kind],
    keys: kind === 'login' ? 'Ctrl+N' : undefined,
  }))

interface ToolbarProps {
  canAdd: boolean
  anyUnlocked: boolean
  query: string
  onQuery: (q: string) => void
  onAdd: (kind: ItemKind) => void
  onGenerator: () => void
  onLockAll: () => void
  onSettings: () => void
  sidebarOpen: boolean
  onToggleSidebar: () => void
  /** ArrowDown in the search field moves into the list (KeePassXC's habit). */
  onFocusList: () => void
}

export const Toolbar = forwardRef<HTMLInputElement, ToolbarProps>(
  function Toolbar(props, searchRef) {
    const [menuOpen, setMenuOpen] = useState(false)
    const menuRef = useRef<HTMLDivElement>(null)
    const addButton = useRef<HTMLButtonElement>(null)

    useEffect(() => {
      if (!menuOpen) return
      const close = (e: MouseEvent) => {
        if (!menuRef.current?.contains(e.target as Node)) setMenuOpen(false)
      }
      document.addEventListener('mousedown', close)
      return () => document.removeEventListener('mousedown', close)
    }, [menuOpen])

    return (
      <header className="toolbar">
        <button
          type="button"
          className="icon-btn"
          aria-label="Show vaults and filters"
          title="Show or hide the vaults and filters"
          aria-expanded={props.sidebarOpen}
          aria-controls="sidebar"
          onClick={props.onToggleSidebar}
        >
          <Icon name="sidebar" />
        </button>
        <h1 className="brand">
          <BrandMark />
          <span className="brand-name">Cairn</span>
        </h1>
        <div
          className="menu"
          ref={menuRef}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setMenuOpen(false)
          }}
        >
          <button
            type="button"
            ref={addButton}
            className="btn primary"
            aria-haspopup="true"
            aria-expanded={menuOpen}
            disabled={!props.canAdd}
            onClick={() => setMenuOpen((o) => !o)}
          >
            <Icon name="plus" /> Add
          </button>
          {menuOpen && (
            <ul className="menu-list" aria-label="Add an item">
              {ADD_ITEMS.map((a) => (
                <li key={a.kind}>
                  <button
                    type="button"
                    autoFocus={a.kind === 'login'}
                    onClick={() => {
                      setMenuOpen(false)
                      // The dialog hands focus back to what had it: the Add button, not this item.
                      addButton.current?.focus()
                      props.onAdd(a.kind)
                    }}
                  >
                    <Icon name={a.icon} /> {a.label}
                    {a.keys && <span className="hint">&nbsp;{a.keys}</span>}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
        <button
          type="button"
          className="btn ghost"
          aria-label="Generator"
          onClick={props.onGenerator}
        >
          <Icon name="dice" /> <span className="label-wide">Generator</span>
        </button>
        <span className="sep" aria-hidden="true" />
        <button
          type="button"
          className="btn ghost"
          onClick={props.onLockAll}
          disabled={!props.anyUnlocked}
          aria-label="Lock all"
          title="Lock all vaults (Ctrl+L)"
        >
          <Icon name="lock" /> <span className="label-wide">Lock all</span>
        </button>
        <button
          type="button"
          className="icon-btn"
          aria-label="Settings"
          title="Settings"
          onClick={props.onSettings}
        >
          <Icon name="settings" />
        </button>
        <span className="spacer" />
        <div className="search" role="search">
          <Icon name="search" size={16} />
          <input
            ref={searchRef}
            type="search"
            className="input"
            placeholder="Search (Ctrl+F)"
            aria-label="Search items"
            value={props.query}
            onChange={(e) => props.onQuery(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown') {
                e.preventDefault()
                props.onFocusList()
              } else if (e.key === 'Escape' && props.query) {
                e.preventDefault()
                props.onQuery('')
              }
            }}
          />
        </div>
      </header>
    )
  },
)
