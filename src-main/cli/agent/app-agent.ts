// The desktop app answering the `cairn` command line, when the person turns it on in the settings
// (off by default): one unlock in the window serves the terminal too. The app listens where the
// `cairn` agent would, with the same folder and socket checks, and serves only the vaults
// unlocked in its window; they lock with the window (auto-lock, suspend, Lock all), and `cairn
// lock` locks them there. `cairn unlock` is refused while the app answers: the window unlocks.
import { realpathSync } from 'node:fs'
import type { CommandLineStatus } from '../../../src-shared/ipc-contract.ts'
import type { SessionId } from '../../../src-shared/ids.ts'
import { CairnError, isCairnError } from '../../core/errors.ts'
import { needsNewPassword } from '../../core/recovery/recovery-keys.ts'
import type { ManagedVault } from '../../core/vault/vault-api.ts'
import type { AppServices } from '../../services/app-services.ts'
import { agentLocation, type AgentLocation } from './agent-paths.ts'
import type { HeldVaultStatus } from './agent-protocol.ts'
import { AgentServer } from './agent-server.ts'
import type { AgentVaults } from './agent-vaults.ts'

interface Served {
  id: SessionId
  real: string
  name: string
  vault: ManagedVault
}

/** The vaults unlocked in the app's window, as an agent serves them. */
export class AppAgentVaults implements AgentVaults {
  readonly host = 'app'
  readonly #services: Pick<AppServices, 'sessions' | 'events'>

  constructor(services: Pick<AppServices, 'sessions' | 'events'>) {
    this.#services = services
  }

  #served(): Served[] {
    const { sessions } = this.#services
    const served: Served[] = []
    for (const info of sessions.list()) {
      if (info.state !== 'unlocked') continue
      const vault = sessions.unlocked(info.id)
      // Opened with a recovery key: the window asks for a new password first; so does the agent.
      if (needsNewPassword(vault)) continue
      try {
        served.push({ id: info.id, real: realpathSync(info.path), name: info.name, vault })
      } catch {
        // The file is gone: nothing to serve for it.
      }
    }
    return served
  }

  use(realPath: string): ManagedVault | undefined {
    return this.#served().find((s) => s.real === realPath)?.vault
  }

  statuses(): HeldVaultStatus[] {
    // They lock with the window: no time of their own to report.
    return this.#served().map((s) => ({ path: s.real, name: s.name, lockAt: 0, idleLockAt: 0 }))
  }

  lock(realPath: string | null): string[] {
    const targets = this.#served().filter((s) => realPath === null || s.real === realPath)
    for (const s of targets) this.#services.sessions.lock(s.id)
    return targets.map((s) => s.real)
  }

  unlock(): Promise<HeldVaultStatus> {
    return Promise.reject(
      new CairnError(
        'CONFLICT',
        'The Cairn app answers the command line on this computer: unlock the vault in the app (or turn off “Answer the command line” in its settings to use cairn unlock)',
      ),
    )
  }

  checkAll(): void {
    // Each vault session refuses to read or write once its key was changed elsewhere.
  }

  ran(realPath: string): void {
    for (const s of this.#served()) {
      if (s.real === realPath) this.#services.events.emit({ type: 'items-changed', vaultId: s.id })
    }
  }
}

/** Starts and stops answering as the setting says; reports why it cannot when it cannot. */
export class AppAgent {
  readonly #services: Pick<AppServices, 'sessions' | 'events' | 'settings'>
  readonly #location: AgentLocation
  #server: AgentServer | null = null
  #problem: string | null = null
  #applying: Promise<void> = Promise.resolve()
  #unsubscribe: (() => void) | null = null

  constructor(
    services: Pick<AppServices, 'sessions' | 'events' | 'settings'>,
    location: AgentLocation = agentLocation(),
  ) {
    this.#services = services
    this.#location = location
  }

  /** Follows the setting from now on; resolves once the current setting is applied. */
  follow(): Promise<void> {
    this.#unsubscribe ??= this.#services.settings.onChange((s) => {
      void this.#apply(s.answerCommandLine)
    })
    return this.#apply(this.#services.settings.get().answerCommandLine)
  }

  status(): CommandLineStatus {
    return { answering: this.#server !== null, problem: this.#problem }
  }

  /** Resolves when every setting change so far has been applied. */
  settled(): Promise<void> {
    return this.#applying
  }

  stop(): void {
    this.#unsubscribe?.()
    this.#unsubscribe = null
    this.#close()
  }

  #apply(on: boolean): Promise<void> {
    this.#applying = this.#applying.then(async () => {
      if (!on) {
        this.#close()
        this.#problem = null
      } else if (this.#server === null) {
        await this.#open()
      }
      this.#services.events.emit({ type: 'settings-changed' })
    })
    return this.#applying
  }

  async #open(): Promise<void> {
    const server = new AgentServer(new AppAgentVaults(this.#services), this.#location)
    try {
      if (await server.start()) {
        this.#server = server
        this.#problem = null
      } else {
        this.#problem =
          'A cairn agent already answers the command line (from cairn unlock): stop it with cairn lock, then turn this on again'
      }
    } catch (error) {
      this.#problem = isCairnError(error)
        ? error.message
        : `The command line could not be answered: ${(error as NodeJS.ErrnoException).code ?? 'error'}`
    }
  }

  #close(): void {
    // Stopping to answer leaves the vaults unlocked in the window.
    this.#server?.stop()
    this.#server = null
  }
}
