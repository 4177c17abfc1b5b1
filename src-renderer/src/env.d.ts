import type { CairnApi } from '../../src-shared/ipc-contract.ts'

declare global {
  interface Window {
    cairn: CairnApi
  }
}
