// The desktop shell's handler table as the browser harness serves it: the picker on the real
// services (vault sessions, live codes, clipboard guard) and "Open QR code image" on the real
// scanner, while what needs a desktop (screen capture, global shortcuts, windows) answers
// UNSUPPORTED. There is no file dialog: with test hooks on, the test names the file the next
// "dialog" returns (POST /__harness/next-image-file). A development and test tool.
import { join } from 'node:path'
import { CairnError } from '../../src-main/core/errors.ts'
import { PickerService } from '../../src-main/services/picker-service.ts'
import { ScanService } from '../../src-main/services/scan-service.ts'
import { createShellHandlers } from '../../src-main/electron/shell-handlers.ts'
import { ShellSettingsStore } from '../../src-main/electron/shell-settings.ts'
import type { AppServices } from '../../src-main/services/app-services.ts'
import { shellPorts } from '../../src-main/services/shell-ports.ts'

const NO_DESKTOP = 'The browser harness has no screen capture, global shortcut or windows.'

export function shellHarnessHandlers(services: AppServices, dataDir: string) {
  let closes = 0
  let nextImageFile: string | null = null
  const unsupported = async (): Promise<never> => {
    throw new CairnError('UNSUPPORTED', NO_DESKTOP)
  }
  const scanner = services.options.scanner
  const scans = new ScanService({
    scanner: {
      // Files arrive as encoded bytes; raw pixels only come from a screen capture.
      scanForKeys: async (image) => {
        if (!scanner || !(image instanceof Uint8Array)) return unsupported()
        return scanner.scanForKeys(image)
      },
    },
    captureScreens: unsupported,
    readClipboardImage: unsupported,
    chooseImageFile: async () => {
      const path = nextImageFile
      nextImageFile = null
      if (path === null)
        throw new CairnError('UNSUPPORTED', 'The browser harness has no file dialog.')
      return path
    },
  })
  const handlers = createShellHandlers({
    picker: new PickerService(shellPorts(services).picker),
    hidePicker: () => {
      closes++
    },
    scanScreen: unsupported,
    scanClipboardImage: unsupported,
    scanImageFile: () => scans.scanImageFile(),
    hotkey: {
      status: { accelerator: '', registered: false, error: NO_DESKTOP, hint: null },
      change: () => {
        throw new CairnError('UNSUPPORTED', NO_DESKTOP)
      },
    },
    settings: new ShellSettingsStore(join(dataDir, 'shell-settings.json')),
    lockAll: async () => {
      services.sessions.lockAll()
    },
  })
  return {
    handlers,
    pickerCloses: () => closes,
    /** Test hook: what the next "Open QR code image" dialog answers. */
    setNextImageFile: (path: string) => {
      nextImageFile = path
    },
  }
}
