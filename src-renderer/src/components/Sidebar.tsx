// The vault files that are open, each locked or unlocked on its own, and the filters of the
// selected vault with their counts.
import type { SessionId, VaultInfo } from '../../../src-shared/ipc-contract.ts'
import type { ItemFilter } from '../../../src-shared/item-search.ts'
import type { ReactNode } from 'react'
import { ITEM_KINDS } from '../item-kinds.ts'
import { Icon, type IconName } from './Icons.tsx'

export const FILTER_LABELS: Record<ItemFilter, { label: string; icon: IconName }> = {
  all: { label: 'All items', icon: 'list' },
  favourites: { label: 'Favourites', icon: 'star' },
  login: { label: ITEM_KINDS.login.plural, icon: ITEM_KINDS.login.icon },
  otp: { label: ITEM_KINDS.otp.plural, icon: ITEM_KINDS.otp.icon },
  'recovery-codes': {
    label: ITEM_KINDS['recovery-codes'].plural,
    icon: ITEM_KINDS['recovery-codes'].icon,
  },
  note: { label: ITEM_KINDS.note.plural, icon: ITEM_KINDS.note.icon },
  trash: { label: 'Trash', icon: 'trash' },
}

interface SidebarProps {
  vaults: VaultInfo[]
  selectedVaultId: string | null
  onSelectVault: (id: SessionId) => void
  onLockVault: (id: SessionId) => void
  filter: ItemFilter
  onFilter: (f: ItemFilter) => void
  counts: Record<ItemFilter, number> | null
  onNewVault: () => void
  onOpenVault: () => void
  onVaultSettings: (id: SessionId) => void
  onRestoreBackup: () => void
  /** Opens the import dialog for the selected vault; null while no unlocked vault is selected. */
  onImport: (() => void) | null
  /** Shows the vault health view; null while every vault is locked. */
  onHealth: (() => void) | null
  healthShown: boolean
  /** The selected vault's group tree, when it is unlocked. */
  groups?: ReactNode
  /** True while the list shows a group rather than a filter. */
  groupShown?: boolean
}

export function Sidebar(props: SidebarProps) {
  const { vaults, selectedVaultId, counts } = props
  return (
    <nav className="sidebar" id="sidebar" aria-label="Vaults and filters">
      <div>
        <h2 id="vaults-heading">Vaults</h2>
        <ul aria-labelledby="vaults-heading">
          {vaults.map((v) => {
            const selected = v.id === selectedVaultId
            return (
              <li key={v.id} className={`vault-entry${selected ? ' selected' : ''}`}>
                <button
                  type="button"
                  className="vault-select"
                  aria-current={selected ? 'true' : undefined}
                  title={v.path}
                  onClick={() => props.onSelectVault(v.id)}
                >
                  <span className={`state-${v.state}`}>
                    <Icon name={v.state === 'locked' ? 'lock' : 'unlock'} />
                  </span>
                  <span>
                    <span className="vault-name">
                      {v.name}
                      <span className="visually-hidden"> ({v.state})</span>
                    </span>
                    {/* The file name is shown, not announced: the vault's name and state are. */}
                    <span className="vault-file" aria-hidden="true">
                      {v.fileName}
                    </span>
                  </span>
                </button>
                {v.state === 'unlocked' && (
                  <button
                    type="button"
                    className="icon-btn"
                    aria-label={`Backups and keys of ${v.name}`}
                    title="Backups, recovery keys, password"
                    onClick={() => props.onVaultSettings(v.id)}
                  >
                    <Icon name="settings" size={16} />
                  </button>
                )}
                {v.state === 'unlocked' && (
                  <button
                    type="button"
                    className="icon-btn"
                    aria-label={`Lock ${v.name}`}
                    title={`Lock ${v.name}`}
                    onClick={() => props.onLockVault(v.id)}
                  >
                    <Icon name="lock" size={16} />
                  </button>
                )}
              </li>
            )
          })}
        </ul>
      </div>
      {counts && (
        <div>
          <h2 id="filters-heading">Show</h2>
          <ul aria-labelledby="filters-heading">
            {(Object.keys(FILTER_LABELS) as ItemFilter[]).map((f) => (
              <li key={f}>
                <button
                  type="button"
                  className="filter-btn"
                  aria-pressed={!props.healthShown && !props.groupShown && props.filter === f}
                  onClick={() => props.onFilter(f)}
                >
                  <Icon name={FILTER_LABELS[f].icon} />
                  {FILTER_LABELS[f].label}
                  <span className="count" aria-label={`${counts[f]} items`}>
                    {counts[f]}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {props.groups && (
        <div>
          <h2 id="groups-heading">Groups</h2>
          {props.groups}
        </div>
      )}
      {props.onHealth && (
        <div>
          <h2 id="check-heading">Check</h2>
          <ul aria-labelledby="check-heading">
            <li>
              <button
                type="button"
                className="filter-btn"
                aria-pressed={props.healthShown}
                onClick={props.onHealth}
              >
                <Icon name="shield" />
                Vault health
              </button>
            </li>
          </ul>
        </div>
      )}
      <div className="sidebar-actions">
        <button type="button" className="btn" onClick={props.onNewVault}>
          <Icon name="plus" /> New vault…
        </button>
        <button type="button" className="btn" onClick={props.onOpenVault}>
          <Icon name="folder" /> Open vault…
        </button>
        <button type="button" className="btn" onClick={props.onRestoreBackup}>
          <Icon name="restore" /> Restore backup…
        </button>
        {props.onImport && (
          <button type="button" className="btn" onClick={props.onImport}>
            <Icon name="folder" /> Import…
          </button>
        )}
      </div>
    </nav>
  )
}
