// One vault's settings: backups, ways to unlock (recovery keys, one-time codes, master password,
// key rotation), sync through a shared folder, merging or exporting, and what the vault's
// authenticated state reports. Closes with the vault when it locks.
import { useEffect, useState } from 'react'
import type {
  IssuedSecrets,
  SuggestedPaths,
  VaultInfo,
  VaultSettingsInfo,
} from '../../../../src-shared/ipc-contract.ts'
import { api, call, errorMessage } from '../../api.ts'
import { ErrorAlert } from '../../components/ErrorAlert.tsx'
import { Dialog } from '../../components/Dialog.tsx'
import { IssuedSecretsDialog } from '../IssuedSecretsDialog.tsx'
import { BackupsSection } from './BackupsSection.tsx'
import { IntegritySection } from './IntegritySection.tsx'
import { KeysSection } from './KeysSection.tsx'
import { MergeExportSection } from './MergeExportSection.tsx'
import { SyncSection } from './SyncSection.tsx'

export type VaultSettingsTab = 'backups' | 'keys' | 'sync' | 'merge' | 'integrity'

const TABS: { tab: VaultSettingsTab; label: string }[] = [
  { tab: 'backups', label: 'Backups' },
  { tab: 'keys', label: 'Unlocking' },
  { tab: 'sync', label: 'Sync' },
  { tab: 'merge', label: 'Merge and export' },
  { tab: 'integrity', label: 'Integrity' },
]

export function VaultSettingsDialog({
  vault,
  initialTab = 'backups',
  initialRotate = false,
  onClose,
}: {
  vault: VaultInfo
  initialTab?: VaultSettingsTab
  /** Opens the password form with key rotation chosen (a notice asked for it). */
  initialRotate?: boolean
  onClose: () => void
}) {
  const [tab, setTab] = useState<VaultSettingsTab>(initialTab)
  // Secrets shown once sit in a dialog above this one; closing it forgets them.
  const [issued, setIssued] = useState<{ secrets: IssuedSecrets; intro?: string } | null>(null)
  const onIssued = (secrets: IssuedSecrets, intro?: string) => setIssued({ secrets, intro })
  const [info, setInfo] = useState<VaultSettingsInfo | null>(null)
  const [suggested, setSuggested] = useState<SuggestedPaths | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    let cancelled = false
    // Main's suggestions are also the paths it allows without a file dialog.
    Promise.all([
      call(api().vaultSettings.info(vault.id)),
      call(api().vaultSettings.suggestPaths(vault.id)),
    ])
      .then(([i, paths]) => {
        if (cancelled) return
        setInfo(i)
        setSuggested(paths)
      })
      .catch((e: unknown) => !cancelled && setError(errorMessage(e)))
    return () => {
      cancelled = true
    }
  }, [vault.id])

  return (
    <Dialog
      title={`Vault settings: ${vault.name}`}
      onClose={onClose}
      wide
      footer={
        <button type="button" className="btn" onClick={onClose}>
          Close
        </button>
      }
    >
      <div className="tabs" role="tablist" aria-label="Vault settings">
        {TABS.map((t) => (
          <button
            key={t.tab}
            type="button"
            role="tab"
            aria-selected={tab === t.tab}
            onClick={() => setTab(t.tab)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <ErrorAlert message={error} />
      {info && suggested && (
        <div role="tabpanel" aria-label={TABS.find((t) => t.tab === tab)?.label}>
          {tab === 'backups' && (
            <BackupsSection vaultId={vault.id} suggested={suggested} info={info} onInfo={setInfo} />
          )}
          {tab === 'keys' && (
            <KeysSection
              vaultId={vault.id}
              info={info}
              onInfo={setInfo}
              onIssued={onIssued}
              initialRotate={initialRotate}
            />
          )}
          {tab === 'sync' && (
            <SyncSection vaultId={vault.id} vaultPath={vault.path} onClose={onClose} />
          )}
          {tab === 'merge' && <MergeExportSection vaultId={vault.id} suggested={suggested} />}
          {tab === 'integrity' && (
            <IntegritySection vaultId={vault.id} info={info} onInfo={setInfo} />
          )}
        </div>
      )}
      {issued && (
        <IssuedSecretsDialog
          issued={issued.secrets}
          intro={issued.intro}
          onClose={() => setIssued(null)}
        />
      )}
    </Dialog>
  )
}
