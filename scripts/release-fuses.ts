// Electron fuses for release builds: switches baked into the packaged Electron binary that no
// command line or environment variable can turn back on. Dev and test builds keep Electron's
// defaults, because Playwright's _electron attaches through --inspect (the nodeCliInspect fuse)
// and electron-vite runs the unpacked app (onlyLoadAppFromAsar).
//
//   node scripts/release-fuses.ts <packaged Electron binary or .app>
//
// electron-builder.config.js calls flipReleaseFuses from its afterPack hook.
import { pathToFileURL } from 'node:url'
import { flipFuses, FuseV1Options, FuseVersion, getCurrentFuseWire } from '@electron/fuses'

export const RELEASE_FUSES = {
  version: FuseVersion.V1,
  // ELECTRON_RUN_AS_NODE would turn the signed app into a general-purpose Node interpreter.
  [FuseV1Options.RunAsNode]: false,
  // Cookies and other Chromium storage encrypted with the OS keychain key.
  [FuseV1Options.EnableCookieEncryption]: true,
  // NODE_OPTIONS could preload arbitrary code into the main process.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  // --inspect / --inspect-brk would hand a debugger (and every vault key) to whoever starts it.
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // app.asar is checked against the hash recorded at packaging time.
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  // Only the (integrity-checked) app.asar is loaded, never a loose app folder beside it.
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  // Pages come from the cairn-app:// protocol; file:// gets no extra privileges.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  // macOS: flipping bytes invalidates the ad-hoc signature of an unsigned (arm64) build.
  resetAdHocDarwinSignature: process.platform === 'darwin',
} as const

/** Flips the release fuses in a packaged binary and returns the wire as read back afterwards. */
export async function flipReleaseFuses(pathToElectron: string) {
  await flipFuses(pathToElectron, RELEASE_FUSES)
  return getCurrentFuseWire(pathToElectron)
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const target = process.argv[2]
  if (!target) {
    console.error('usage: node scripts/release-fuses.ts <packaged Electron binary or .app>')
    process.exit(2)
  }
  const wire = await flipReleaseFuses(target)
  for (const [index, state] of Object.entries(wire)) {
    if (index === 'version') continue
    const name = FuseV1Options[Number(index)] ?? `fuse ${index}`
    console.log(`${name}: ${String.fromCharCode(Number(state))}`)
  }
}
