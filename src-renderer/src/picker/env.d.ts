import type { CairnShellApi } from '../../../src-shared/shell-contract.ts'

declare global {
  interface Window {
    /** The shell groups of the API (preload in Electron). */
    cairnShell?: CairnShellApi
  }
}
