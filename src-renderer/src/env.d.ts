import type { CairnApi } from '../../src-shared/ipc-contract.ts'

declare global {
  interface Window {
    cairn: CairnApi
    /** Electron only (absent in the browser harness): a dropped or chosen file's path. */
    cairnFiles?: { pathOf(file: File): string | null }
  }
}
