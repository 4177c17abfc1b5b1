// What the copy-code picker asks of main: the 2FA keys of every unlocked vault (no secrets, no
// codes), an unlock when everything is locked, and "copy the code of this key" — the current one,
// or the next one when fewer than five seconds remain, so the user is not left pasting a code
// that expires on the way. The code never travels to the picker page.
import type { SessionId } from '../../src-shared/ids.ts'
import { CairnError } from '../core/errors.ts'
import type { CodeToCopy } from '../core/otp/code-to-copy.ts'
import type { OtpKey } from '../core/otp/otp-types.ts'
import type { PickerCopyResult, PickerKey, PickerState } from '../../src-shared/ipc-contract.ts'

export interface PickerVaultInfo {
  id: SessionId
  name: string
  state: 'locked' | 'unlocked'
}

export interface PickerOtpItem {
  itemId: string
  title: string
  key: OtpKey
}

/** The app services the picker relies on (the vault sessions, the HOTP counter, the clipboard). */
export interface PickerPorts {
  listVaults(): PickerVaultInfo[]
  /** Live (not trashed) 2FA keys of an unlocked vault. */
  listOtpItems(vaultId: SessionId): PickerOtpItem[]
  /** Throws CairnError WRONG_PASSWORD and leaves the vault locked. */
  unlock(vaultId: SessionId, password: string): Promise<unknown>
  /** The one rule of core/otp/code-to-copy.ts; HOTP counters are advanced durably first. */
  codeToCopy(vaultId: SessionId, itemId: string): CodeToCopy
  /** Writes a secret to the clipboard under the clipboard guard. */
  copy(text: string): Promise<{ clearsAt: number | null }>
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true })

export class PickerService {
  readonly #ports: PickerPorts

  constructor(ports: PickerPorts) {
    this.#ports = ports
  }

  state(): PickerState {
    const vaults = this.#ports.listVaults()
    const keys: PickerKey[] = []
    for (const vault of vaults) {
      if (vault.state !== 'unlocked') continue
      for (const item of this.#ports.listOtpItems(vault.id)) {
        keys.push({
          vaultId: vault.id,
          vaultName: vault.name,
          itemId: item.itemId,
          title: item.title,
          issuer: item.key.issuer,
          account: item.key.account,
          kind: item.key.kind,
        })
      }
    }
    keys.sort(
      (a, b) =>
        collator.compare(a.issuer || a.title, b.issuer || b.title) ||
        collator.compare(a.account, b.account) ||
        collator.compare(a.vaultName, b.vaultName),
    )
    return {
      vaults: vaults.map((v) => ({
        vaultId: v.id,
        name: v.name,
        unlocked: v.state === 'unlocked',
      })),
      keys,
    }
  }

  async unlock(vaultId: SessionId, password: string): Promise<PickerState> {
    await this.#ports.unlock(vaultId, password)
    return this.state()
  }

  async copy(vaultId: SessionId, itemId: string): Promise<PickerCopyResult> {
    const vault = this.#ports.listVaults().find((v) => v.id === vaultId)
    if (!vault) throw new CairnError('NOT_FOUND', 'That vault is no longer open.')
    if (vault.state !== 'unlocked') throw new CairnError('LOCKED', `${vault.name} is locked.`)
    const item = this.#ports.listOtpItems(vaultId).find((i) => i.itemId === itemId)
    if (!item) throw new CairnError('NOT_FOUND', 'That 2FA key no longer exists.')

    const chosen = this.#ports.codeToCopy(vaultId, itemId)
    const { clearsAt } = await this.#ports.copy(chosen.code)
    return {
      which: chosen.which,
      validUntil: chosen.which === 'hotp' ? null : chosen.validUntil,
      clearsAt,
    }
  }
}
