// The one dialog open at a time: which it is, and what closing or finishing it does to the frame.
import type {
  AppSettings,
  IssuedSecrets,
  ItemList,
  ItemSummary,
  VaultInfo,
} from '../../../src-shared/ipc-contract.ts'
import type { SessionId } from '../../../src-shared/ids.ts'
import { api, call } from '../api.ts'
import { targetVaultFor } from '../vault-roles.ts'
import { ConfirmDialog } from './ConfirmDialog.tsx'
import { CreateVaultDialog } from './CreateVaultDialog.tsx'
import { GeneratorDialog } from './GeneratorDialog.tsx'
import { ImportDialog } from './ImportDialog.tsx'
import { IssuedSecretsDialog } from './IssuedSecretsDialog.tsx'
import { ItemEditorDialog, type EditorTarget } from './ItemEditorDialog.tsx'
import { JoinSyncDialog } from './JoinSyncDialog.tsx'
import { KeyRevealDialog } from './KeyRevealDialog.tsx'
import { OpenVaultDialog } from './OpenVaultDialog.tsx'
import { RecoveryPasswordDialog } from './RecoveryPasswordDialog.tsx'
import { RestoreBackupDialog } from './RestoreBackupDialog.tsx'
import { SettingsDialog } from './SettingsDialog.tsx'
import {
  VaultSettingsDialog,
  type VaultSettingsTab,
} from './vault-settings/VaultSettingsDialog.tsx'

export type DialogState =
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

/** The vault whose items or secrets a dialog shows; null for dialogs about no one vault. */
export function dialogVault(d: NonNullable<DialogState>): SessionId | null {
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

/** A dialog showing or editing items of a vault that just locked closes with it, taking any
 * secret it held along. */
export function dialogAfterLock(d: DialogState, unlocked: ReadonlySet<SessionId>): DialogState {
  if (!d) return d
  const vaultId = dialogVault(d)
  return vaultId !== null && !unlocked.has(vaultId) ? null : d
}

export interface DialogHostProps {
  dialog: DialogState
  setDialog(d: DialogState): void
  settings: AppSettings
  vaults: VaultInfo[]
  lists: Readonly<Record<string, ItemList>>
  notify(text: string, kind?: 'info' | 'error'): void
  refresh(): Promise<void>
  /** Selects a vault the dialog opened, created, joined or restored. */
  selectVault(id: SessionId): void
  /** Shows an item just saved in the editor. */
  onSaved(summary: ItemSummary): void
  /** Runs an item action, saying `done` afterwards or the error. */
  itemAction(fn: () => Promise<unknown>, done?: string): Promise<void>
}

export function DialogHost(props: DialogHostProps) {
  const { dialog, setDialog, settings, vaults, lists, notify, refresh, selectVault } = props
  if (!dialog) return null
  const close = () => setDialog(null)
  const closeAndRefresh = () => {
    setDialog(null)
    void refresh()
  }
  const shown = (v: { id: SessionId }) => {
    setDialog(null)
    selectVault(v.id)
    void refresh()
  }
  const openEditor = (target: EditorTarget) => setDialog({ type: 'editor', target })

  switch (dialog.type) {
    case 'create-vault':
      return <CreateVaultDialog onClose={close} onCreated={shown} />
    case 'open-vault':
      return (
        <OpenVaultDialog
          onClose={close}
          onRestoreBackup={() => setDialog({ type: 'restore-backup' })}
          onJoinSync={() => setDialog({ type: 'join-sync' })}
          onOpened={shown}
        />
      )
    case 'editor':
      return (
        <ItemEditorDialog
          target={dialog.target}
          onClose={close}
          onSaved={props.onSaved}
          onAddRecoveryCodes={(vaultId, issuer) =>
            openEditor({ mode: 'create', vaultId, kind: 'recovery-codes', issuer })
          }
        />
      )
    case 'reveal-key':
      return (
        <KeyRevealDialog
          vaultId={dialog.vaultId}
          itemId={dialog.itemId}
          title={dialog.title}
          onClose={close}
        />
      )
    case 'generator':
      return <GeneratorDialog onClose={close} />
    case 'settings':
      return <SettingsDialog settings={settings} onClose={close} />
    case 'vault-settings': {
      const vault = vaults.find((v) => v.id === dialog.vaultId)
      return vault ? (
        <VaultSettingsDialog
          vault={vault}
          initialTab={dialog.tab}
          initialRotate={dialog.rotate === true}
          onClose={closeAndRefresh}
        />
      ) : null
    }
    case 'import':
      return (
        <ImportDialog
          vaults={vaults.filter((v) => v.state === 'unlocked')}
          initialVaultId={dialog.vaultId}
          suggestedKeysVaultId={targetVaultFor('otp', vaults, lists, dialog.vaultId)}
          onClose={closeAndRefresh}
        />
      )
    case 'join-sync':
      return (
        <JoinSyncDialog
          onClose={close}
          onJoined={(v) => {
            shown(v)
            notify(`Joined “${v.name}” as ${v.fileName}: it syncs through the folder.`)
          }}
        />
      )
    case 'restore-backup':
      return (
        <RestoreBackupDialog
          onClose={close}
          onRestored={({ path, vault }) => {
            setDialog(null)
            if (vault) {
              selectVault(vault.id)
              notify(`Restored “${vault.name}” into ${vault.fileName}. Unlock it to check.`)
            } else {
              notify(
                `Restored into ${path}. Another copy of this vault is open: close it to open the restored one, or merge the two in Backups and keys.`,
              )
            }
            void refresh()
          }}
        />
      )
    case 'recovery-password':
      return (
        <RecoveryPasswordDialog
          vaultId={dialog.vaultId}
          vaultName={dialog.name}
          onCancel={() => {
            setDialog(null)
            void call(api().vaults.lock(dialog.vaultId)).catch(() => {})
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
      )
    case 'issued':
      return <IssuedSecretsDialog issued={dialog.issued} intro={dialog.intro} onClose={close} />
    case 'purge':
      return (
        <ConfirmDialog
          title="Delete for good?"
          message={`“${dialog.title}” will be removed from the vault file. This cannot be undone.`}
          confirmLabel="Delete for good"
          onClose={close}
          onConfirm={() => {
            setDialog(null)
            void props.itemAction(
              () => call(api().items.purge(dialog.vaultId, dialog.itemId)),
              'Deleted for good.',
            )
          }}
        />
      )
  }
}
