// The app frame: which vaults are open, what is selected, the dialogs, and the keyboard. Item
// lists hold summaries only; anything secret is fetched by the pane or dialog that shows it.
import { useCallback, useRef, useState } from 'react'
import type { HealthFinding, ItemKind, ItemSummary } from '../../src-shared/ipc-contract.ts'
import type { SessionId } from '../../src-shared/ids.ts'
import { api, call, errorMessage } from './api.ts'
import { AppContext, type AppActions, type ToastAction } from './app-context.ts'
import { DetailPane } from './components/DetailPane.tsx'
import { HealthView } from './components/HealthView.tsx'
import { ItemList } from './components/ItemList.tsx'
import { FILTER_LABELS, Sidebar } from './components/Sidebar.tsx'
import { StartScreen } from './components/StartScreen.tsx'
import { StatusBar } from './components/StatusBar.tsx'
import { ToastView } from './components/ToastView.tsx'
import { Toolbar } from './components/Toolbar.tsx'
import { UnlockPanel } from './components/UnlockPanel.tsx'
import { VaultNoticesBar } from './components/VaultNoticesBar.tsx'
import { DialogHost, dialogAfterLock, type DialogState } from './dialogs/DialogHost.tsx'
import type { EditorTarget } from './dialogs/ItemEditorDialog.tsx'
import { useGroupsUi } from './groups/useGroupsUi.tsx'
import { useBackupReminder } from './hooks/useBackupReminder.ts'
import { useClipboard } from './hooks/useClipboard.ts'
import { otherVaultNameOf, useItemBrowser } from './hooks/useItemBrowser.ts'
import { useShortcuts } from './hooks/useShortcuts.ts'
import { useToast } from './hooks/useToast.ts'
import { useVaults } from './hooks/useVaults.ts'
import { targetVaultFor } from './vault-roles.ts'

/** The list box of items, where the keyboard continues after a jump. */
const focusItemList = (options?: FocusOptions) =>
  document.querySelector<HTMLElement>('[role="listbox"]')?.focus(options)

export function App() {
  const { toast, notify, dismiss } = useToast()
  const [dialog, setDialog] = useState<DialogState>(null)
  const [settingUp, setSettingUp] = useState(false)
  const [sidebarOpen, setSidebarOpen] = useState(true)
  /** The item list and detail pane, or the vault health view in their place. */
  const [view, setView] = useState<'items' | 'health'>('items')
  const searchRef = useRef<HTMLInputElement>(null)

  const {
    info,
    settings,
    vaults,
    recent,
    setRecent,
    lists,
    epoch,
    selectedVaultId,
    setSelectedVaultId,
    refresh,
    refreshItems,
  } = useVaults({
    notify,
    onRefreshed: (unlocked) => setDialog((d) => dialogAfterLock(d, unlocked)),
    // Unlocking again starts from the items, not from a report about what was locked.
    onLocked: () => setView('items'),
  })
  const { clearsAt, copy, copyText, clearNow } = useClipboard(notify)

  const selectedVault = vaults.find((v) => v.id === selectedVaultId) ?? null
  const unlockedSelected = selectedVault?.state === 'unlocked' ? selectedVault : null
  const reminder = useBackupReminder(unlockedSelected?.id ?? null, epoch)
  const browser = useItemBrowser(vaults, lists, selectedVault)
  const { results, selectedItem } = browser
  // The open vault of the selected item (search covers every unlocked vault); null with no vault.
  const itemVaultId = selectedItem?.vaultId ?? selectedVault?.id ?? null
  const groups = useGroupsUi(selectedVault, lists, browser, notify)

  const lockAll = useCallback(() => {
    void call(api().vaults.lockAll()).catch((e: unknown) => notify(errorMessage(e), 'error'))
  }, [notify])

  const openEditor = (target: EditorTarget) => setDialog({ type: 'editor', target })
  const addItem = (kind: ItemKind) => {
    const vaultId = targetVaultFor(kind, vaults, lists, selectedVaultId)
    // A new item starts in the group the list shows, when it goes into that group's vault.
    const group = vaultId === selectedVaultId ? (browser.groupShown ?? []) : []
    if (vaultId) openEditor({ mode: 'create', vaultId, kind, group })
  }

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
      newLogin: () => addItem('login'),
      edit: () =>
        selectedItem &&
        selectedItem.deletedAt === null &&
        openEditor({ mode: 'edit', vaultId: selectedItem.vaultId, itemId: selectedItem.id }),
      moveToGroup: () =>
        groups.moveItems(browser.pickedItems().filter((i) => i.deletedAt === null)),
    },
    info !== null && vaults.length > 0,
  )

  if (!info || !settings) {
    return <main className="center-screen">Loading…</main>
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
    showTag: browser.showTag,
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
          dismiss()
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
    browser.showItem(finding.itemId)
    // The list exists again after this render: the keyboard continues from the opened item.
    requestAnimationFrame(() => focusItemList({ preventScroll: true }))
  }
  const anyUnlocked = vaults.some((v) => v.state === 'unlocked')
  const showHealth = view === 'health' && anyUnlocked

  const dialogs = (
    <DialogHost
      dialog={dialog}
      setDialog={setDialog}
      settings={settings}
      vaults={vaults}
      lists={lists}
      notify={notify}
      refresh={refresh}
      selectVault={setSelectedVaultId}
      onSaved={(summary: ItemSummary) => {
        setSelectedVaultId(summary.vaultId)
        browser.showSaved(summary.id, summary.kind)
        void refreshItems(summary.vaultId)
      }}
      itemAction={itemAction}
    />
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
        <ToastView toast={toast} />
      </AppContext.Provider>
    )
  }

  const { query, filter } = browser
  const emptyText = query
    ? `Nothing matches “${query}” in ${FILTER_LABELS[filter].label.toLowerCase()}.`
    : filter === 'trash'
      ? 'The trash is empty.'
      : 'No items here yet. Add one with the Add button.'
  const purge = (vaultId: SessionId, item: ItemSummary) =>
    setDialog({ type: 'purge', vaultId, itemId: item.id, title: item.title })

  return (
    <AppContext.Provider value={actions}>
      <div className="app">
        <Toolbar
          ref={searchRef}
          canAdd={anyUnlocked}
          anyUnlocked={anyUnlocked}
          query={query}
          onQuery={(q) => {
            browser.setQuery(q)
            // A search shows its results, not the health view.
            setView('items')
          }}
          onAdd={addItem}
          onGenerator={() => setDialog({ type: 'generator' })}
          onLockAll={lockAll}
          onSettings={() => setDialog({ type: 'settings' })}
          sidebarOpen={sidebarOpen}
          onToggleSidebar={() => setSidebarOpen((o) => !o)}
          onFocusList={() => focusItemList()}
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
                browser.chooseFilter(f)
                setView('items')
              }}
              healthShown={showHealth}
              onHealth={anyUnlocked ? () => setView('health') : null}
              counts={browser.counts}
              groups={groups.tree}
              groupShown={browser.groupShown !== null}
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
                order={browser.order}
                onOrder={browser.setOrder}
                tag={browser.tag}
                onClearTag={browser.clearTag}
                otherVaultName={otherVaultNameOf(vaults, selectedVault.id)}
                selectedId={selectedItem?.id ?? null}
                onSelect={browser.selectItem}
                marked={browser.marked}
                onToggleMark={browser.toggleMark}
                onClearMarks={browser.clearMarks}
                onActivate={(id) => {
                  const item = results.find((i) => i.id === id)
                  if (item && item.deletedAt === null)
                    openEditor({ mode: 'edit', vaultId: item.vaultId, itemId: id })
                }}
                onDelete={(id) => {
                  const item = results.find((i) => i.id === id)
                  if (!item) return
                  if (item.deletedAt === null) trashItem(item.vaultId, item)
                  else purge(item.vaultId, item)
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
                    openEditor({ mode: 'edit', vaultId: itemVaultId, itemId: selectedItem.id }),
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
                  onPurge: () => selectedItem && purge(itemVaultId, selectedItem),
                  onMoveToGroup: () =>
                    groups.moveItems(browser.pickedItems().filter((i) => i.deletedAt === null)),
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
          damaged={browser.currentList?.damaged.length ?? 0}
          onDamaged={() =>
            selectedVault &&
            setDialog({ type: 'vault-settings', vaultId: selectedVault.id, tab: 'integrity' })
          }
          clearsAt={clearsAt}
          onClear={clearNow}
          reminder={reminder}
          onBackup={() =>
            unlockedSelected &&
            setDialog({ type: 'vault-settings', vaultId: unlockedSelected.id, tab: 'backups' })
          }
          onSync={() =>
            unlockedSelected &&
            setDialog({ type: 'vault-settings', vaultId: unlockedSelected.id, tab: 'sync' })
          }
        />
      </div>
      {dialogs}
      {groups.dialog}
      <ToastView toast={toast} />
    </AppContext.Provider>
  )
}
