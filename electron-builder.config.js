// Release packaging (electron-builder is not a dependency of the repository: install it in the
// release environment, `npx electron-builder --config electron-builder.config.js`). The build
// must have run first (`npm run build`). Fuses are flipped only here, never for dev or test runs.
import { join } from 'node:path'
import { flipReleaseFuses } from './scripts/release-fuses.ts'

const APP_ID = 'io.cairn.Cairn'

/** Path of the Electron binary inside a packed app, as @electron/fuses expects it. */
function packedBinary(context) {
  const name = context.packager.appInfo.productFilename
  switch (context.electronPlatformName) {
    case 'darwin':
    case 'mas':
      return join(context.appOutDir, `${name}.app`)
    case 'win32':
      return join(context.appOutDir, `${name}.exe`)
    default:
      return join(context.appOutDir, context.packager.executableName)
  }
}

export default {
  appId: APP_ID,
  productName: 'Cairn',
  executableName: 'cairn-desktop',
  directories: { output: 'dist', buildResources: 'resources' },
  files: ['out/**', 'resources/icons/**', 'package.json', '!**/*.map'],
  extraResources: [{ from: 'resources/wordlists', to: 'wordlists' }],
  asar: true,
  // better-sqlite3's prebuilt addon and the argon2 WebAssembly must live outside the archive.
  asarUnpack: ['**/*.node', '**/*.wasm'],
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Utility',
    icon: 'resources/icons/cairn.png',
    // The .desktop file name is the Wayland app id and the portal identity (global shortcut).
    desktop: {
      entry: {
        Name: 'Cairn',
        StartupWMClass: APP_ID,
        Categories: 'Utility;Security;',
      },
    },
  },
  mac: { category: 'public.app-category.productivity', icon: 'resources/icons/cairn.png' },
  win: { icon: 'resources/icons/cairn.png' },
  afterPack: async (context) => {
    const wire = await flipReleaseFuses(packedBinary(context))
    console.log('Cairn: release fuses flipped', wire)
  },
}
