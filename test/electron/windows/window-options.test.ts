import { describe, expect, it } from 'vitest'
import {
  mainWindowOptions,
  pickerWindowOptions,
  secureWebPreferences,
} from '../../../src-main/electron/windows/window-options.ts'

const build = { preload: '/app/out/preload/index.cjs', devTools: false }

describe('window options', () => {
  it.each([
    ['main', mainWindowOptions(build)],
    ['picker', pickerWindowOptions(build)],
  ])('the %s window is isolated, sandboxed and without Node', (_name, options) => {
    const prefs = options.webPreferences
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: false,
    })
    expect(prefs).not.toHaveProperty('enableBlinkFeatures')
    expect(prefs).not.toHaveProperty('additionalArguments')
    // Shown only once the page has rendered, so no blank flash and no focus steal while loading.
    expect(options.show).toBe(false)
  })

  it('keeps DevTools for unpackaged runs only when asked', () => {
    expect(secureWebPreferences({ ...build, devTools: true }).devTools).toBe(true)
    expect(secureWebPreferences(build).devTools).toBe(false)
  })

  it('makes the picker a small always-on-top window outside the taskbar', () => {
    const picker = pickerWindowOptions(build)
    expect(picker).toMatchObject({ alwaysOnTop: true, skipTaskbar: true, frame: false })
    expect(picker.width).toBeLessThan(600)
    expect(picker.height).toBeLessThan(500)
  })

  it('passes the icon only when there is one', () => {
    expect(mainWindowOptions(build)).not.toHaveProperty('icon')
    expect(mainWindowOptions({ ...build, icon: '/i.png' }).icon).toBe('/i.png')
  })
})
