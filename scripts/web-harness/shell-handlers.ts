// The desktop shell's handler table as the browser harness serves it: the picker on the real
// services (vault sessions, live codes, clipboard guard), while what needs a desktop (screen
// capture, global shortcuts, windows) answers UNSUPPORTED. A development and test tool.
import { join } from 'node:path'
import { CairnError } from '../../src-main/core/errors.ts'
import { PickerService } from '../../src-main/electron/picker-service.ts'
import { createShellHandlers } from '../../src-main/electron/shell-handlers.ts'
import { ShellSettingsStore } from '../../src-main/electron/shell-settings.ts'
import type { AppServices } from '../../src-main/services/app-services.ts'
import { shellPorts } from '../../src-main/services/shell-ports.ts'

const NO_DESKTOP = 'The browser harness has no screen capture, global shortcut or windows.'

export function shellHarnessHandlers(services: AppServices, dataDir: string) {
  let closes = 0
  const unsupported = async (): Promise<never> => {
    throw new CairnError('UNSUPPORTED', NO_DESKTOP)
  }
  const handlers = createShellHandlers({
    picker: new PickerService({ ...shellPorts(services).picker, now: () => Date.now() }),
    hidePicker: () => {
      closes++
    },
    scanScreen: unsupported,
    scanClipboardImage: unsupported,
    scanImageFile: unsupported,
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
  return { handlers, pickerCloses: () => closes }
}
