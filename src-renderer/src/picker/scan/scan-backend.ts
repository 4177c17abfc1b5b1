// What the scan confirmation page needs: run a scan (screen, clipboard image or image file), the
// unlocked vaults a key can go into, and saving a key (the vault API's items.create, as the
// add-key dialog does). Values out, PickerError (with the API's code) on failure.
import type {
  ApiResult,
  CairnApi,
  ScannedKey,
  ScanSource,
  SessionId,
  SourceScanOutcome,
} from '../../../../src-shared/ipc-contract.ts'
import { PickerError } from '../picker-backend.ts'

export interface ScanBackend {
  scan(source: ScanSource): Promise<SourceScanOutcome | null>
  unlockedVaults(): Promise<{ id: SessionId; name: string }[]>
  addKey(vaultId: SessionId, key: ScannedKey): Promise<void>
  close(): void
  onVaultsChanged(listener: () => void): () => void
}

async function unwrap<T>(result: Promise<ApiResult<T>>): Promise<T> {
  const r = await result
  if (r.ok) return r.value
  throw new PickerError(r.error.code, r.error.message)
}

export function scanBackendFrom(cairn: CairnApi): ScanBackend {
  return {
    scan: (source) =>
      source === 'screen'
        ? unwrap(cairn.shell.scanScreen())
        : source === 'clipboard'
          ? unwrap(cairn.shell.scanClipboardImage())
          : unwrap(cairn.shell.scanImageFile()),
    unlockedVaults: async () =>
      (await unwrap(cairn.vaults.list()))
        .filter((v) => v.state === 'unlocked')
        .map(({ id, name }) => ({ id, name })),
    addKey: async (vaultId, key) => {
      await unwrap(
        cairn.items.create(vaultId, {
          kind: 'otp',
          title: '',
          issuer: key.preview.issuer,
          account: key.preview.account,
          notes: '',
          tags: [],
          key: { from: 'uri', uri: key.uri },
        }),
      )
    },
    close: () => window.close(),
    onVaultsChanged: (listener) =>
      cairn.events.subscribe((event) => {
        if (event.type === 'vaults-changed') listener()
      }),
  }
}

/** "123456" → "123 456", "12345678" → "1234 5678": easier to compare with another screen. */
export function groupDigits(code: string): string {
  if (!/^\d+$/.test(code) || code.length < 6) return code
  const half = Math.ceil(code.length / 2)
  return `${code.slice(0, half)} ${code.slice(half)}`
}
