// The app frame: which vaults are open, what is selected, the dialogs, and the keyboard. Item
// lists hold summaries only; anything secret is fetched by the pane or dialog that shows it.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type {
  CopyReceipt,
  HealthFinding,
  ItemSummary,
  AppInfo,
  AppSettings,
  BackupReminderInfo,
  CopyRef,
  IssuedSecrets,
  ItemKind,
  ItemList as ItemListData,
  RecentVault,
  VaultInfo,
} from '../../src-shared/ipc-contract.ts'
import {
  buildSearchIndex,
  countByFilter,
  searchItems,
  type ItemFilter,
} from '../../src-shared/item-search.ts'
import { api, call, errorMessage } from './api.ts'
import { targetVaultFor } from './vault-roles.ts'
import { AppContext, useApp, type AppActions, type ToastAction } from './app-context.ts'
import { DetailPane } from './components/DetailPane.tsx'
import { HealthView } from './components/HealthView.tsx'
import { ItemList } from './components/ItemList.tsx'
import { FILTER_LABELS, Sidebar } from './components/Sidebar.tsx'
import { sortItems, withTag, type SortOrder } from './item-order.ts'
import { StartScreen } from './components/StartScreen.tsx'
import { Toolbar } from './components/Toolbar.tsx'
import { UnlockPanel } from './components/UnlockPanel.tsx'
import { VaultNoticesBar } from './components/VaultNoticesBar.tsx'
import { ConfirmDialog } from './dialogs/ConfirmDialog.tsx'
import { CreateVaultDialog } from './dialogs/CreateVaultDialog.tsx'
import { GeneratorDialog } from './dialogs/GeneratorDialog.tsx'
import { ImportDialog } from './dialogs/ImportDialog.tsx'
import { ItemEditorDialog, type EditorTarget } from './dialogs/ItemEditorDialog.tsx'
import { KeyRevealDialog } from './dialogs/KeyRevealDialog.tsx'
import { OpenVaultDialog } from './dialogs/OpenVaultDialog.tsx'
import { IssuedSecretsDialog } from './dialogs/IssuedSecretsDialog.tsx'
import { JoinSyncDialog } from './dialogs/JoinSyncDialog.tsx'
import { RecoveryPasswordDialog } from './dialogs/RecoveryPasswordDialog.tsx'
import { RestoreBackupDialog } from './dialogs/RestoreBackupDialog.tsx'
import { SettingsDialog } from './dialogs/SettingsDialog.tsx'
import {
  VaultSettingsDialog,
  type VaultSettingsTab,
} from './dialogs/vault-settings/VaultSettingsDialog.tsx'
import { useNow } from './hooks/useNow.ts'
import { useShortcuts } from './hooks/useShortcuts.ts'
import { useSyncStatus } from './hooks/useSyncStatus.ts'
import { syncIndicator } from './sync/sync-words.ts'
import type { SessionId } from '../../src-shared/ids.ts'

type DialogState =
  | null
  | { type: 'create-vault' }
  | { type: 'open-vault' }
  | { type: 'editor'; target: EditorTarget }
  | { type: 'reveal-key'; vaultId: SessionId; itemId: string; title: string }
  | { type: 'generator' }
  | { type: 'settings' }
  | { type: 'purge'; vaultId: SessionId; itemId: string; title: string }
  | { type: 'vault-settings'; vaultId: SessionId; tab?: VaultSettingsTab; rotate?: boolean }
  | { type: 'restore-backup' }
  | { type: 'join-sync' }
  | { type: 'import'; vaultId: SessionId }
  | { type: 'recovery-password'; vaultId: SessionId; name: string }
  | { type: 'issued'; vaultId: SessionId; issued: IssuedSecrets; intro?: string }

function dialogVault(d: NonNullable<DialogState>): SessionId | null {
  switch (d.type) {
    case 'editor':
      return d.target.vaultId
    case 'reveal-key':
    case 'purge':
    case 'vault-settings':
    case 'import':
    case 'recovery-password':
    case 'issued':
      return d.vaultId
    default:
      return null
  }
}

/** What the toast says after a copy: main's own words when it has any (the next code was copied
 * because the current one was about to expire), and when the clipboard will be cleared. */
function copiedSentence(label: string, receipt: CopyReceipt): string {
  const first =
    receipt.note ??
    (receipt.code === 'next'
      ? 'Next code copied: the current one expires in under 5 seconds.'
      : `${label} copied.`)
  if (receipt.clearsAt === null) return first
  const seconds = Math.max(1, Math.round((receipt.clearsAt - Date.now()) / 1000))
  return `${first} The clipboard clears in ${seconds} s.`
}

interface Toast {
  text: string
  kind: 'info' | 'error'
  id: number
  action?: ToastAction
}

export function App() {
  const [info, setInfo] = useState<AppInfo | null>(null)
  const [settings, setSettings] = useState<AppSettings | null>(null)
  const [vaults, setVaults] = useState<VaultInfo[]>([])
  const [recent, setRecent] = useState<RecentVault[]>([])
  const [lists, setLists] = useState<Record<string, ItemListData>>({})
  const [selectedVaultId, setSelectedVaultId] = useState<SessionId | null>(null)
  const [filter, setFilter] = useState<ItemFilter>('all')
  const [tag, setTag] = useState<string | null>(null)
  const [order, setOrder] = useState<SortOrder>({ key: 'title', descending: false })
  const [query, setQuery] = useState('')
  const [selectedItemId, setSelectedItemId] = useState<string | null>(null)
  const [dialog, setDialog] = useState<DialogState>(null)
  const [toast, setToast] = useState<Toast | null>(null)
  const [clearsAt, setClearsAt] = useState<number | null>(null)
  const [epoch, setEpoch] = useState(0)
  const [settingUp, setSettingUp] = useState(false)
  const [reminder, setReminder] = useState<BackupReminderInfo | null>(null)
  const [sidebarOpen, setSidebarOpen] = useState(true)
  /** The item list and detail pane, or the vault health view in their place. */
  const [view, setView] = useState<'items' | 'health'>('items')
  const searchRef = useRef<HTMLInputElement>(null)

  const notify = useCallback(
    (text: string, kind: 'info' | 'error' = 'info', action?: ToastAction) => {
      setToast({ text, kind, id: Date.now(), ...(action ? { action } : {}) })
    },
    [],
  )

  useEffect(() => {
    if (!toast) return
    const shown = toast.action ? 10_000 : toast.kind === 'error' ? 6000 : 3000
    const timer = setTimeout(() => setToast(null), shown)
    return () => clearTimeout(timer)
  }, [toast])

  // Vaults, their item lists (unlocked ones only) and the recent files, from main.
  const refresh = useCallback(async () => {
    try {
      const [list, recentList] = await Promise.all([
        call(api().vaults.list()),
        call(api().vaults.recent()),
      ])
      const next: Record<string, ItemListData> = {}
      await Promise.all(
        list
          .filter((v) => v.state === 'unlocked')
          .map(async (v) => {
            next[v.id] = await call(api().items.list(v.id))
          }),
      )
      setVaults(list)
      setRecent(recentList)
      setLists(next)
      // A dialog showing or editing items of a vault that just locked (auto-lock included) closes
      // with it, taking any secret it held along.
      const unlocked = new Set(list.filter((v) => v.state === 'unlocked').map((v) => v.id))
      setDialog((d) => (d && dialogVault(d) !== null && !unlocked.has(dialogVault(d)!) ? null : d))
      setEpoch((e) => e + 1)
      setSelectedVaultId((current) =>
        current && list.some((v) => v.id === current) ? current : (list[0]?.id ?? null),
      )
    } catch (e) {
      notify(errorMessage(e), 'error')
    }
  }, [notify])

  const refreshItems = useCallback(async (vaultId: SessionId) => {
    try {
      const list = await call(api().items.list(vaultId))
      setLists((old) => ({ ...old, [vaultId]: list }))
      setEpoch((e) => e + 1)
    } catch {
      // Locked meanwhile: the vaults-changed event refreshes everything.
    }
  }, [])

  useEffect(() => {
    void Promise.all([call(api().app.info()), call(api().settings.get())]).then(([i, s]) => {
      setInfo(i)
      setSettings(s)
    })
    // refresh() sets state only after awaiting main, never synchronously.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void refresh()
    return api().events.subscribe((event) => {
      switch (event.type) {
        case 'vaults-changed':
          void refresh()
          break
        case 'items-changed':
          void refreshItems(event.vaultId)
          break
        case 'locked':
          // Unlocking again starts from the items, not from a report about what was locked.
          setView('items')
          break
        case 'clipboard-cleared':
          setClearsAt(null)
          notify('Clipboard cleared.')
          break
        case 'settings-changed':
          void call(api().settings.get()).then(setSettings)
          break
      }
    })
  }, [refresh, refreshItems, notify])

  const selectedVault = vaults.find((v) => v.id === selectedVaultId) ?? null
  const reminderVaultId = selectedVault?.state === 'unlocked' ? selectedVault.id : null

  // "No backup for 30 days" for the selected vault, asked again whenever vaults or items change.
  useEffect(() => {
    if (!reminderVaultId) return
    let cancelled = false
    call(api().vaultSettings.info(reminderVaultId))
      .then((i) => !cancelled && setReminder(i.reminder))
      .catch(() => !cancelled && setReminder(null))
    return () => {
      cancelled = true
    }
  }, [reminderVaultId, epoch])
  const currentList = selectedVault ? lists[selectedVault.id] : undefined
  // A search covers every unlocked vault: the selected vault's matches first, then each other
  // vault's, in sidebar order.
  const searchAll = query.trim() !== '' && selectedVault?.state === 'unlocked'
  const vaultOrder = useMemo(() => {
    if (!selectedVault) return []
    const others = vaults.filter((v) => v.state === 'unlocked' && v.id !== selectedVault.id)
    return [selectedVault.id, ...others.map((v) => v.id)]
  }, [vaults, selectedVault])
  const index = useMemo(
    () =>
      buildSearchIndex(
        searchAll ? vaultOrder.flatMap((id) => lists[id]?.items ?? []) : (currentList?.items ?? []),
      ),
    [searchAll, vaultOrder, lists, currentList],
  )
  const results = useMemo(() => {
    const found = withTag(searchItems(index, query, filter), tag)
    // Without a query the chosen order rules; with one, the best matches come first.
    if (!query.trim()) return sortItems(found, order)
    if (!searchAll) return found
    const rank = (i: ItemSummary) => vaultOrder.indexOf(i.vaultId)
    return found
      .map((item, n) => ({ item, n }))
      .sort((a, b) => rank(a.item) - rank(b.item) || a.n - b.n)
      .map((x) => x.item)
  }, [index, query, filter, searchAll, vaultOrder, tag, order])
  const counts = useMemo(
    () => (currentList ? countByFilter(currentList.items) : null),
    [currentList],
  )
  // The selection stays inside the results: type a few letters, and the first match is ready to
  // copy with the keyboard.
  const selectedItem = results.find((i) => i.id === selectedItemId) ?? results[0] ?? null
  // The open vault of the selected item (search covers every unlocked vault); null with no vault.
  const itemVaultId = selectedItem?.vaultId ?? selectedVault?.id ?? null
  const otherVaultName = (item: ItemSummary) =>
    item.vaultId === selectedVault?.id
      ? null
      : (vaults.find((v) => v.id === item.vaultId)?.name ?? null)

  const copy = useCallback(
    async (vaultId: SessionId, itemId: string, ref: CopyRef, label: string) => {
      try {
        const receipt = await call(api().clipboard.copy(vaultId, itemId, ref))
        setClearsAt(receipt.clearsAt)
        notify(copiedSentence(label, receipt))
      } catch (e) {
        notify(errorMessage(e), 'error')
      }
    },
    [notify],
  )

  const copyText = useCallback(
    async (text: string, label: string) => {
      try {
        const receipt = await call(api().clipboard.copyText(text))
        setClearsAt(receipt.clearsAt)
        notify(`${label} copied.`)
      } catch (e) {
        notify(errorMessage(e), 'error')
      }
    },
    [notify],
  )

  const lockAll = useCallback(() => {
    void call(api().vaults.lockAll()).catch((e: unknown) => notify(errorMessage(e), 'error'))
  }, [notify])

  const openEditor = (target: EditorTarget) => setDialog({ type: 'editor', target })
  const unlockedSelected = selectedVault?.state === 'unlocked' ? selectedVault : null

  useShortcuts(
    {
      copyCode: () => {
        if (!selectedItem) return
        if (selectedItem.kind === 'otp' || selectedItem.otpLink) {
          void copy(selectedItem.vaultId, selectedItem.id, { kind: 'code' }, 'Code')
        } else notify('This item has no 2FA code.', 'error')
      },
      copyPassword: () => {
        if (selectedItem?.kind === 'login' && selectedItem.hasPassword) {
          void copy(selectedItem.vaultId, selectedItem.id, { kind: 'password' }, 'Password')
        } else if (selectedItem) notify('This item has no password.', 'error')
      },
      copyUsername: () => {
        if (selectedItem && (selectedItem.username || selectedItem.account)) {
          void copy(selectedItem.vaultId, selectedItem.id, { kind: 'username' }, 'Username')
        } else if (selectedItem) notify('This item has no username.', 'error')
      },
      focusSearch: () => {
        searchRef.current?.focus()
        searchRef.current?.select()
      },
      lock: lockAll,
      newLogin: () => {
        const vaultId = targetVaultFor('login', vaults, lists, selectedVaultId)
        if (vaultId) openEditor({ mode: 'create', vaultId, kind: 'login' })
      },
      edit: () =>
        selectedItem &&
        selectedItem.deletedAt === null &&
        openEditor({ mode: 'edit', vaultId: selectedItem.vaultId, itemId: selectedItem.id }),
    },
    info !== null && vaults.length > 0,
  )

  if (!info || !settings) {
    return <main className="center-screen">Loading…</main>
  }

  const showTag = (t: string) => {
    setTag(t)
    setFilter('all')
  }
  const actions: AppActions = {
    info,
    settings,
    vaults,
    lists,
    epoch,
    notify,
    copy,
    copyText,
    showTag,
  }

  const itemAction = async (fn: () => Promise<unknown>, done?: string, action?: ToastAction) => {
    try {
      await fn()
      if (done) notify(done, 'info', action)
    } catch (e) {
      notify(errorMessage(e), 'error')
    }
  }

  /** Moves an item to the trash, with Undo in the toast. */
  const trashItem = (vaultId: SessionId, item: { id: string; title: string }) =>
    void itemAction(
      () => call(api().items.trash(vaultId, item.id)),
      `“${item.title}” moved to the trash.`,
      {
        label: 'Undo',
        run: () => {
          setToast(null)
          void itemAction(
            () => call(api().items.restore(vaultId, item.id)),
            `“${item.title}” is back.`,
          )
        },
      },
    )

  /** A health finding opens its item: its vault, every kind, no search or tag in the way. */
  const openFinding = (finding: HealthFinding) => {
    setView('items')
    setSelectedVaultId(finding.vaultId)
    setFilter('all')
    setTag(null)
    setQuery('')
    setSelectedItemId(finding.itemId)
    // The list exists again after this render: the keyboard continues from the opened item.
    requestAnimationFrame(() =>
      document.querySelector<HTMLElement>('[role="listbox"]')?.focus({ preventScroll: true }),
    )
  }
  const anyUnlocked = vaults.some((v) => v.state === 'unlocked')
  const showHealth = view === 'health' && anyUnlocked

  const dialogs = (
    <>
      {dialog?.type === 'create-vault' && (
        <CreateVaultDialog
          onClose={() => setDialog(null)}
          onCreated={(v) => {
            setDialog(null)
            setSelectedVaultId(v.id)
            void refresh()
          }}
        />
      )}
      {dialog?.type === 'open-vault' && (
        <OpenVaultDialog
          onClose={() => setDialog(null)}
          onRestoreBackup={() => setDialog({ type: 'restore-backup' })}
          onJoinSync={() => setDialog({ type: 'join-sync' })}
          onOpened={(v) => {
            setDialog(null)
            setSelectedVaultId(v.id)
            void refresh()
          }}
        />
      )}
      {dialog?.type === 'editor' && (
        <ItemEditorDialog
          target={dialog.target}
          onClose={() => setDialog(null)}
          onSaved={(summary) => {
            setSelectedVaultId(summary.vaultId)
            setFilter((f) => (f === 'all' || f === summary.kind ? f : 'all'))
            setQuery('')
            setSelectedItemId(summary.id)
            void refreshItems(summary.vaultId)
          }}
          onAddRecoveryCodes={(vaultId, issuer) =>
            openEditor({ mode: 'create', vaultId, kind: 'recovery-codes', issuer })
          }
        />
      )}
      {dialog?.type === 'reveal-key' && (
        <KeyRevealDialog
          vaultId={dialog.vaultId}
          itemId={dialog.itemId}
          title={dialog.title}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog?.type === 'generator' && <GeneratorDialog onClose={() => setDialog(null)} />}
      {dialog?.type === 'settings' && (
        <SettingsDialog settings={settings} onClose={() => setDialog(null)} />
      )}
      {dialog?.type === 'vault-settings' &&
        (() => {
          const vault = vaults.find((v) => v.id === dialog.vaultId)
          return vault ? (
            <VaultSettingsDialog
              vault={vault}
              initialTab={dialog.tab}
              initialRotate={dialog.rotate === true}
              onClose={() => {
                setDialog(null)
                void refresh()
              }}
            />
          ) : null
        })()}
      {dialog?.type === 'import' && (
        <ImportDialog
          vaults={vaults.filter((v) => v.state === 'unlocked')}
          initialVaultId={dialog.vaultId}
          suggestedKeysVaultId={targetVaultFor('otp', vaults, lists, dialog.vaultId)}
          onClose={() => {
            setDialog(null)
            void refresh()
          }}
        />
      )}
      {dialog?.type === 'join-sync' && (
        <JoinSyncDialog
          onClose={() => setDialog(null)}
          onJoined={(v) => {
            setDialog(null)
            setSelectedVaultId(v.id)
            notify(`Joined “${v.name}” as ${v.fileName}: it syncs through the folder.`)
            void refresh()
          }}
        />
      )}
      {dialog?.type === 'restore-backup' && (
        <RestoreBackupDialog
          onClose={() => setDialog(null)}
          onRestored={({ path, vault }) => {
            setDialog(null)
            if (vault) {
              setSelectedVaultId(vault.id)
              notify(`Restored “${vault.name}” into ${vault.fileName}. Unlock it to check.`)
            } else {
              notify(
                `Restored into ${path}. Another copy of this vault is open: close it to open the restored one, or merge the two in Backups and keys.`,
              )
            }
            void refresh()
          }}
        />
      )}
      {dialog?.type === 'recovery-password' && (
        <RecoveryPasswordDialog
          vaultId={dialog.vaultId}
          vaultName={dialog.name}
          onCancel={() => {
            const { vaultId } = dialog
            setDialog(null)
            void call(api().vaults.lock(vaultId)).catch(() => {})
          }}
          onDone={(fresh) =>
            setDialog({
              type: 'issued',
              vaultId: dialog.vaultId,
              issued: fresh,
              intro:
                'Your new master password is set, and the recovery key you used no longer works. This is your new recovery key.',
            })
          }
        />
      )}
      {dialog?.type === 'issued' && (
        <IssuedSecretsDialog
          issued={dialog.issued}
          intro={dialog.intro}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog?.type === 'purge' && (
        <ConfirmDialog
          title="Delete for good?"
          message={`“${dialog.title}” will be removed from the vault file. This cannot be undone.`}
          confirmLabel="Delete for good"
          onClose={() => setDialog(null)}
          onConfirm={() => {
            const { vaultId, itemId } = dialog
            setDialog(null)
            void itemAction(() => call(api().items.purge(vaultId, itemId)), 'Deleted for good.')
          }}
        />
      )}
    </>
  )

  const toastView = toast && (
    <div
      className={`toast ${toast.kind}`}
      role={toast.kind === 'error' ? 'alert' : 'status'}
      key={toast.id}
    >
      {toast.text}
      {toast.action && (
        <button type="button" className="btn small" onClick={toast.action.run}>
          {toast.action.label}
        </button>
      )}
    </div>
  )

  if (vaults.length === 0 || settingUp) {
    return (
      <AppContext.Provider value={actions}>
        <StartScreen
          recent={recent}
          onOpenRecent={(path) =>
            void call(api().vaults.open(path))
              .then((v) => {
                setSelectedVaultId(v.id)
                return refresh()
              })
              .catch((e: unknown) => notify(errorMessage(e), 'error'))
          }
          onForgetRecent={(path) => void call(api().vaults.forgetRecent(path)).then(setRecent)}
          onCreate={() => setDialog({ type: 'create-vault' })}
          onOpen={() => setDialog({ type: 'open-vault' })}
          onCreatedPair={(created) => {
            setSelectedVaultId(created[0]?.id ?? null)
            void refresh()
          }}
          onSettingUp={setSettingUp}
          settingUp={settingUp}
        />
        {dialogs}
        {toastView}
      </AppContext.Provider>
    )
  }

  const emptyText = query
    ? `Nothing matches “${query}” in ${FILTER_LABELS[filter].label.toLowerCase()}.`
    : filter === 'trash'
      ? 'The trash is empty.'
      : 'No items here yet. Add one with the Add button.'

  return (
    <AppContext.Provider value={actions}>
      <div className="app">
        <Toolbar
          ref={searchRef}
          canAdd={vaults.some((v) => v.state === 'unlocked')}
          anyUnlocked={vaults.some((v) => v.state === 'unlocked')}
          query={query}
          onQuery={(q) => {
            setQuery(q)
            // A search shows its results, not the health view.
            setView('items')
          }}
          onAdd={(kind: ItemKind) => {
            const vaultId = targetVaultFor(kind, vaults, lists, selectedVaultId)
            if (vaultId) openEditor({ mode: 'create', vaultId, kind })
          }}
          onGenerator={() => setDialog({ type: 'generator' })}
          onLockAll={lockAll}
          onSettings={() => setDialog({ type: 'settings' })}
          sidebarOpen={sidebarOpen}
          onToggleSidebar={() => setSidebarOpen((o) => !o)}
          onFocusList={() => document.querySelector<HTMLElement>('[role="listbox"]')?.focus()}
        />
        <VaultNoticesBar
          vault={selectedVault}
          onAction={(vault, action) =>
            setDialog({
              type: 'vault-settings',
              vaultId: vault.id,
              tab: action === 'accept-current' ? 'integrity' : 'keys',
              rotate: action === 'rotate-key',
            })
          }
        />
        <div className={sidebarOpen ? 'workspace' : 'workspace no-sidebar'}>
          {sidebarOpen && (
            <Sidebar
              vaults={vaults}
              selectedVaultId={selectedVaultId}
              onSelectVault={(id) => {
                setSelectedVaultId(id)
                setView('items')
              }}
              onLockVault={(id) =>
                void call(api().vaults.lock(id)).catch((e: unknown) =>
                  notify(errorMessage(e), 'error'),
                )
              }
              filter={filter}
              onFilter={(f) => {
                setFilter(f)
                setTag(null)
                setView('items')
              }}
              healthShown={showHealth}
              onHealth={anyUnlocked ? () => setView('health') : null}
              counts={counts}
              onNewVault={() => setDialog({ type: 'create-vault' })}
              onOpenVault={() => setDialog({ type: 'open-vault' })}
              onVaultSettings={(id) => setDialog({ type: 'vault-settings', vaultId: id })}
              onRestoreBackup={() => setDialog({ type: 'restore-backup' })}
              onImport={
                unlockedSelected
                  ? () => setDialog({ type: 'import', vaultId: unlockedSelected.id })
                  : null
              }
            />
          )}
          {showHealth ? (
            <main className="workspace-main" aria-label="Vault health">
              <HealthView
                onOpen={openFinding}
                onClose={() => setView('items')}
                onBackup={(vaultId) =>
                  setDialog({ type: 'vault-settings', vaultId, tab: 'backups' })
                }
              />
            </main>
          ) : selectedVault && selectedVault.state === 'locked' ? (
            <div className="unlock-span">
              <UnlockPanel
                key={selectedVault.id}
                vault={selectedVault}
                onMustChangePassword={(v) =>
                  setDialog({ type: 'recovery-password', vaultId: v.id, name: v.name })
                }
                onClose={() =>
                  void call(api().vaults.close(selectedVault.id)).then(() => refresh())
                }
              />
            </div>
          ) : selectedVault && itemVaultId ? (
            <main className="workspace-main" aria-label={selectedVault.name}>
              <ItemList
                vaultId={selectedVault.id}
                items={results}
                order={order}
                onOrder={setOrder}
                tag={tag}
                onClearTag={() => setTag(null)}
                otherVaultName={otherVaultName}
                selectedId={selectedItem?.id ?? null}
                onSelect={setSelectedItemId}
                onActivate={(id) => {
                  const item = results.find((i) => i.id === id)
                  if (item && item.deletedAt === null)
                    openEditor({ mode: 'edit', vaultId: item.vaultId, itemId: id })
                }}
                onDelete={(id) => {
                  const item = results.find((i) => i.id === id)
                  if (!item) return
                  if (item.deletedAt === null) trashItem(item.vaultId, item)
                  else
                    setDialog({
                      type: 'purge',
                      vaultId: item.vaultId,
                      itemId: id,
                      title: item.title,
                    })
                }}
                emptyText={emptyText}
              />
              <DetailPane
                vaultId={itemVaultId}
                itemId={selectedItem?.id ?? null}
                revision={selectedItem?.revision ?? null}
                actions={{
                  onEdit: () =>
                    selectedItem &&
                    openEditor({
                      mode: 'edit',
                      vaultId: itemVaultId,
                      itemId: selectedItem.id,
                    }),
                  onShowKey: () =>
                    selectedItem &&
                    setDialog({
                      type: 'reveal-key',
                      vaultId: itemVaultId,
                      itemId: selectedItem.id,
                      title: selectedItem.title,
                    }),
                  onTrash: () => selectedItem && trashItem(itemVaultId, selectedItem),
                  onRestore: () =>
                    selectedItem &&
                    void itemAction(
                      () => call(api().items.restore(itemVaultId, selectedItem.id)),
                      `“${selectedItem.title}” restored.`,
                    ),
                  onPurge: () =>
                    selectedItem &&
                    setDialog({
                      type: 'purge',
                      vaultId: itemVaultId,
                      itemId: selectedItem.id,
                      title: selectedItem.title,
                    }),
                  onAddRecoveryCodes: (issuer) =>
                    openEditor({
                      mode: 'create',
                      vaultId: itemVaultId,
                      kind: 'recovery-codes',
                      issuer,
                    }),
                }}
              />
            </main>
          ) : null}
        </div>
        <StatusBar
          vault={selectedVault}
          shown={results.length}
          damaged={currentList?.damaged.length ?? 0}
          onDamaged={() =>
            selectedVault &&
            setDialog({ type: 'vault-settings', vaultId: selectedVault.id, tab: 'integrity' })
          }
          clearsAt={clearsAt}
          onClear={() => void call(api().clipboard.clear()).then(() => setClearsAt(null))}
          reminder={reminderVaultId ? reminder : null}
          onBackup={() =>
            reminderVaultId &&
            setDialog({ type: 'vault-settings', vaultId: reminderVaultId, tab: 'backups' })
          }
          onSync={() =>
            reminderVaultId &&
            setDialog({ type: 'vault-settings', vaultId: reminderVaultId, tab: 'sync' })
          }
        />
      </div>
      {dialogs}
      {toastView}
    </AppContext.Provider>
  )
}

function StatusBar({
  vault,
  shown,
  damaged,
  onDamaged,
  clearsAt,
  onClear,
  reminder,
  onBackup,
  onSync,
}: {
  vault: VaultInfo | null
  shown: number
  damaged: number
  onDamaged: () => void
  clearsAt: number | null
  onClear: () => void
  reminder: BackupReminderInfo | null
  onBackup: () => void
  onSync: () => void
}) {
  const now = useNow(1000)
  const { epoch } = useApp()
  const sync = useSyncStatus(vault?.state === 'unlocked' ? vault.id : null, epoch)
  const syncText = sync ? syncIndicator(sync, now) : null
  const left = clearsAt === null ? null : Math.max(0, Math.ceil((clearsAt - now) / 1000))
  return (
    <footer className="statusbar">
      <span className="grow">{vault ? `${vault.path} · ${vault.state}` : ''}</span>
      {vault?.state === 'unlocked' && <span>{shown} shown</span>}
      {damaged > 0 && (
        <span className="error-text">
          {damaged} damaged item(s) could not be read{' '}
          <button type="button" className="btn small ghost" onClick={onDamaged}>
            Details…
          </button>
        </span>
      )}
      {reminder?.due && (
        <span className="backup-reminder" data-testid="backup-reminder">
          {reminder.lastBackupAt === null
            ? 'Never backed up'
            : `No backup for ${reminder.days} days`}{' '}
          <button type="button" className="btn small ghost" onClick={onBackup}>
            Back up…
          </button>
        </span>
      )}
      {syncText && (
        <button
          type="button"
          className={`btn small ghost sync-indicator ${syncText.tone}`}
          data-testid="sync-indicator"
          title={sync?.error ?? 'Sync settings'}
          onClick={onSync}
        >
          {syncText.text}
        </button>
      )}
      {left !== null && left > 0 && (
        <span data-testid="clipboard-countdown">
          Clipboard clears in {left} s{' '}
          <button type="button" className="btn small ghost" onClick={onClear}>
            Clear now
          </button>
        </span>
      )}
    </footer>
  )
}
