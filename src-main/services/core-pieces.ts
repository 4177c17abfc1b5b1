// The real core modules, as the services' ports. Electron's main and the browser harness both
// take them from here, so the two hosts always run the same pieces.
import type { AppServicesOptions } from './app-services.ts'

export type CorePieces = Pick<AppServicesOptions, 'vaultBackend' | 'otp' | 'scanner' | 'passwords'>

export function corePieces(): CorePieces {
  // Each piece is wired here as its core module lands on main.
  return {}
}
