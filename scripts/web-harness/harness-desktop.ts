// What stands in for the desktop in the browser harness: the picker page's "close" is counted,
// "Open QR code image" runs the real scanner on a file the test names (there is no file dialog:
// with test hooks on, POST /__harness/next-image-file sets what the next "dialog" returns), and
// what needs a desktop (screen capture, the clipboard's image, global shortcuts) answers
// UNSUPPORTED. A development and test tool.
import { CairnError } from '../../src-main/core/errors.ts'
import type { DesktopPorts } from '../../src-main/services/api-handlers.ts'
import type { AppServices } from '../../src-main/services/app-services.ts'
import { ScanService } from '../../src-main/services/scan-service.ts'

const NO_DESKTOP = 'The browser harness has no screen capture, global shortcut or windows.'

export function harnessDesktop(services: AppServices) {
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
  const ports: DesktopPorts = {
    hidePicker: () => {
      closes++
    },
    scans: {
      scanScreen: unsupported,
      scanClipboardImage: unsupported,
      scanImageFile: () => scans.scanImageFile(),
    },
    hotkey: {
      status: { accelerator: '', registered: false, error: NO_DESKTOP, hint: null },
      change: () => {
        throw new CairnError('UNSUPPORTED', NO_DESKTOP)
      },
    },
    lockAll: async () => {
      services.sessions.lockAll()
    },
  }
  return {
    ports,
    pickerCloses: () => closes,
    /** Test hook: what the next "Open QR code image" dialog answers. */
    setNextImageFile: (path: string) => {
      nextImageFile = path
    },
  }
}
