// "Scan screen": hide Cairn's own windows (they would cover the QR code, and a revealed secret in
// them must not end up in a capture), grab every display at its full pixel resolution, and hand
// the raw bitmaps to the QR scanner. Where the system refuses or limits the capture, the result
// says what to do instead of silently finding nothing.

/**
 * Raw pixels as NativeImage.toBitmap() returns them: 4 bytes per pixel, BGRA order (the QR
 * core's RawImage shape).
 */
export interface RawPixels {
  pixels: Uint8Array
  width: number
  height: number
  format: 'bgra'
}

export interface CaptureDisplay {
  id: number
  size: { width: number; height: number }
  scaleFactor: number
}

export interface CaptureImage {
  isEmpty(): boolean
  getSize(): { width: number; height: number }
  toBitmap(): Uint8Array
}

export interface CaptureSource {
  id: string
  display_id: string
  name: string
  thumbnail: CaptureImage
}

export type ScreenPermission = 'not-determined' | 'granted' | 'denied' | 'restricted' | 'unknown'

/** The Electron and OS pieces capture needs (screen, desktopCapturer, windows, permissions). */
export interface CapturePorts {
  platform: NodeJS.Platform
  /** XDG_SESSION_TYPE on Linux ('wayland', 'x11'). */
  sessionType?: string | undefined
  displays(): CaptureDisplay[]
  getSources(options: {
    types: ['screen']
    thumbnailSize: { width: number; height: number }
  }): Promise<CaptureSource[]>
  /** macOS: systemPreferences.getMediaAccessStatus('screen'); elsewhere 'granted'. */
  screenPermission(): ScreenPermission
  /** Hides every visible Cairn window; the returned function shows them again. */
  hideWindows(): () => void
  /** Lets the window manager take hidden windows off screen before the capture. */
  settle(): Promise<void>
}

export interface ScreenCapture {
  images: RawPixels[]
  advice: string | null
}

/**
 * One thumbnail size for all sources: each display's physical pixels (size × scale factor), the
 * largest in each dimension. Electron scales every screen to fit inside it keeping the aspect
 * ratio, so no display comes back smaller than its native resolution.
 */
export function captureSize(displays: CaptureDisplay[]): { width: number; height: number } {
  let width = 0
  let height = 0
  for (const d of displays) {
    width = Math.max(width, Math.round(d.size.width * d.scaleFactor))
    height = Math.max(height, Math.round(d.size.height * d.scaleFactor))
  }
  return { width, height }
}

export const MAC_PERMISSION_ADVICE =
  'macOS has not allowed Cairn to record the screen. Open System Settings → Privacy & Security → ' +
  'Screen & System Audio Recording, turn Cairn on, then quit and reopen Cairn and scan again. ' +
  'Or save a screenshot of the QR code and use “Open image”.'

export const WAYLAND_ONE_SOURCE_ADVICE =
  'Your desktop shares one screen at a time, so only the screen you chose was scanned. If the QR ' +
  'code is on another screen, scan again and choose that screen in the sharing dialog.'

export const WAYLAND_NO_SOURCE_ADVICE =
  'Your desktop did not share a screen (the sharing dialog was cancelled, or no screen-sharing ' +
  'portal is running). Scan again and choose the screen showing the QR code, or save a ' +
  'screenshot and use “Open image”.'

export const NO_SOURCE_ADVICE =
  'The system gave Cairn no picture of the screen. Save a screenshot of the QR code and use ' +
  '“Open image”, or copy the QR code image and use “Paste image”.'

function toPixels(image: CaptureImage): RawPixels | null {
  if (image.isEmpty()) return null
  const { width, height } = image.getSize()
  const pixels = image.toBitmap()
  if (width <= 0 || height <= 0 || pixels.length !== width * height * 4) return null
  return { pixels, width, height, format: 'bgra' }
}

export async function captureScreens(ports: CapturePorts): Promise<ScreenCapture> {
  if (ports.platform === 'darwin') {
    const permission = ports.screenPermission()
    // 'not-determined' goes ahead: the capture itself makes macOS ask the user.
    if (permission === 'denied' || permission === 'restricted') {
      return { images: [], advice: MAC_PERMISSION_ADVICE }
    }
  }
  const displays = ports.displays()
  const wayland = ports.platform === 'linux' && ports.sessionType === 'wayland'
  const restore = ports.hideWindows()
  let sources: CaptureSource[]
  try {
    await ports.settle()
    sources = await ports.getSources({ types: ['screen'], thumbnailSize: captureSize(displays) })
  } finally {
    restore()
  }
  const images = sources.map((s) => toPixels(s.thumbnail)).filter((i) => i !== null)
  if (images.length === 0) {
    if (ports.platform === 'darwin') return { images, advice: MAC_PERMISSION_ADVICE }
    return { images, advice: wayland ? WAYLAND_NO_SOURCE_ADVICE : NO_SOURCE_ADVICE }
  }
  if (wayland && displays.length > 1 && images.length < displays.length) {
    return { images, advice: WAYLAND_ONE_SOURCE_ADVICE }
  }
  return { images, advice: null }
}
