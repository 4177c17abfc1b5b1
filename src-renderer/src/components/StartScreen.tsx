// What a person sees with no vault open: first run offers the two-vault setup; later runs list
// recent vault files. Creating a single vault and opening any file are always there.
import type { RecentVault, VaultInfo } from '../../../src-shared/ipc-contract.ts'
import { BrandMark } from './BrandMark.tsx'
import { Icon } from './Icons.tsx'
import { TwoVaultSetup } from './TwoVaultSetup.tsx'

interface StartProps {
  recent: RecentVault[]
  onOpenRecent: (path: string) => void
  onForgetRecent: (path: string) => void
  onCreate: () => void
  onOpen: () => void
  onCreatedPair: (vaults: VaultInfo[]) => void
  onSettingUp: (busy: boolean) => void
  /** Show the two-vault setup even though a vault exists (while the pair is being created). */
  settingUp: boolean
}

export function StartScreen({
  recent,
  onOpenRecent,
  onForgetRecent,
  onCreate,
  onOpen,
  onCreatedPair,
  onSettingUp,
  settingUp,
}: StartProps) {
  const firstRun = recent.length === 0 || settingUp
  return (
    <main className="center-screen">
      <div className="start">
        <div className="start-hero">
          <BrandMark />
          <div>
            <h1>Cairn</h1>
            <p>Passwords and 2FA keys, in encrypted files that never leave this computer.</p>
          </div>
        </div>
        <div className="cards">
          {firstRun ? (
            <TwoVaultSetup onCreated={onCreatedPair} onBusy={onSettingUp} />
          ) : (
            <section className="card" aria-labelledby="recent-title">
              <h2 id="recent-title">Recent vaults</h2>
              <ul className="recent-list">
                {recent.map((r) => (
                  <li key={r.path}>
                    <button
                      type="button"
                      className="recent-open"
                      onClick={() => onOpenRecent(r.path)}
                      disabled={!r.exists}
                    >
                      <Icon name="vault" size={22} />
                      <span>
                        <strong>{r.name}</strong>
                        <span className="recent-path">
                          {r.exists ? r.path : `${r.path} (missing)`}
                        </span>
                      </span>
                    </button>
                    <button
                      type="button"
                      className="icon-btn"
                      aria-label={`Remove ${r.name} from recent vaults`}
                      onClick={() => onForgetRecent(r.path)}
                    >
                      <Icon name="close" />
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          )}
          <section className="card" aria-labelledby="more-title">
            <h2 id="more-title">{firstRun ? 'Or' : 'More'}</h2>
            <p className="why">
              {firstRun
                ? 'Keep everything in one vault, or open a vault file you already have.'
                : 'Create another vault or open a file from elsewhere.'}
            </p>
            <div className="sidebar-actions">
              <button type="button" className="btn" onClick={onCreate}>
                <Icon name="plus" /> New vault…
              </button>
              <button type="button" className="btn" onClick={onOpen}>
                <Icon name="folder" /> Open vault file…
              </button>
            </div>
          </section>
        </div>
      </div>
    </main>
  )
}
