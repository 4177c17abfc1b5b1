import { describe, expect, it } from 'vitest'
import {
  captureScreens,
  captureSize,
  MAC_PERMISSION_ADVICE,
  NO_SOURCE_ADVICE,
  WAYLAND_NO_SOURCE_ADVICE,
  WAYLAND_ONE_SOURCE_ADVICE,
  type CaptureDisplay,
  type CaptureImage,
  type CapturePorts,
  type CaptureSource,
  type ScreenPermission,
} from '../../../src-main/electron/adapters/screen-capture.ts'

/** Stands in for a NativeImage thumbnail: a solid BGRA bitmap of the given size. */
function bitmap(width: number, height: number): CaptureImage {
  return {
    isEmpty: () => width === 0 || height === 0,
    getSize: () => ({ width, height }),
    toBitmap: () => new Uint8Array(width * height * 4).fill(0x7f),
  }
}

const laptop: CaptureDisplay = { id: 1, size: { width: 1440, height: 900 }, scaleFactor: 2 }
const portrait: CaptureDisplay = { id: 2, size: { width: 1080, height: 1920 }, scaleFactor: 1 }

/**
 * Stands in for Electron's screen + desktopCapturer + window list + macOS permission: records the
 * order of hide / capture / restore and returns one thumbnail per display (or what `sources` says).
 */
function fakePorts(over: {
  platform?: NodeJS.Platform
  sessionType?: string
  displays?: CaptureDisplay[]
  permission?: ScreenPermission
  sources?: (size: { width: number; height: number }) => CaptureSource[]
}) {
  const log: string[] = []
  const displays = over.displays ?? [laptop, portrait]
  const ports: CapturePorts = {
    platform: over.platform ?? 'linux',
    sessionType: over.sessionType ?? 'x11',
    displays: () => displays,
    screenPermission: () => over.permission ?? 'granted',
    hideWindows: () => {
      log.push('hide')
      return () => log.push('restore')
    },
    settle: async () => {
      log.push('settle')
    },
    getSources: async ({ thumbnailSize }) => {
      log.push(`capture ${thumbnailSize.width}x${thumbnailSize.height}`)
      if (over.sources) return over.sources(thumbnailSize)
      // Electron fits each screen inside thumbnailSize, keeping its aspect ratio.
      return displays.map((d, i) => {
        const w = d.size.width * d.scaleFactor
        const h = d.size.height * d.scaleFactor
        const f = Math.min(thumbnailSize.width / w, thumbnailSize.height / h)
        return {
          id: `screen:${i}:0`,
          display_id: String(d.id),
          name: `Screen ${i + 1}`,
          thumbnail: bitmap(Math.round(w * f), Math.round(h * f)),
        }
      })
    },
  }
  return { ports, log }
}

describe('capture size', () => {
  it('asks for every display at its physical pixel size or more', () => {
    expect(captureSize([laptop])).toEqual({ width: 2880, height: 1800 })
    const size = captureSize([laptop, portrait])
    expect(size).toEqual({ width: 2880, height: 1920 })
    for (const d of [laptop, portrait]) {
      const w = d.size.width * d.scaleFactor
      const h = d.size.height * d.scaleFactor
      expect(Math.min(size.width / w, size.height / h)).toBeGreaterThanOrEqual(1)
    }
  })

  it('rounds fractional scale factors', () => {
    expect(captureSize([{ id: 1, size: { width: 1707, height: 960 }, scaleFactor: 1.5 }])).toEqual({
      width: 2561,
      height: 1440,
    })
  })
})

describe('screen capture', () => {
  it('hides Cairn, captures every display at full resolution, restores, and returns BGRA bitmaps', async () => {
    const { ports, log } = fakePorts({})
    const result = await captureScreens(ports)
    expect(log).toEqual(['hide', 'settle', 'capture 2880x1920', 'restore'])
    expect(result.advice).toBeNull()
    expect(result.images.map((i) => [i.width, i.height])).toEqual([
      [2880, 1800],
      [1080, 1920],
    ])
    for (const image of result.images) {
      expect(image.format).toBe('bgra')
      expect(image.pixels.length).toBe(image.width * image.height * 4)
    }
  })

  it('shows the windows again even when the capture fails', async () => {
    const { ports, log } = fakePorts({
      sources: () => {
        throw new Error('capturer crashed')
      },
    })
    await expect(captureScreens(ports)).rejects.toThrow('capturer crashed')
    expect(log.at(-1)).toBe('restore')
  })

  it('on macOS without screen-recording permission says where to grant it and captures nothing', async () => {
    for (const permission of ['denied', 'restricted'] as const) {
      const { ports, log } = fakePorts({ platform: 'darwin', permission })
      expect(await captureScreens(ports)).toEqual({ images: [], advice: MAC_PERMISSION_ADVICE })
      expect(log).toEqual([])
    }
  })

  it('on macOS lets the first capture ask for permission, and explains an empty answer', async () => {
    const { ports, log } = fakePorts({
      platform: 'darwin',
      permission: 'not-determined',
      sources: () => [],
    })
    expect(await captureScreens(ports)).toEqual({ images: [], advice: MAC_PERMISSION_ADVICE })
    expect(log).toContain('capture 2880x1920')
  })

  it('on Wayland explains that only the chosen screen was scanned', async () => {
    const { ports } = fakePorts({
      sessionType: 'wayland',
      sources: () => [
        { id: 'screen:0:0', display_id: '', name: 'Screen', thumbnail: bitmap(2880, 1800) },
      ],
    })
    const result = await captureScreens(ports)
    expect(result.images).toHaveLength(1)
    expect(result.advice).toBe(WAYLAND_ONE_SOURCE_ADVICE)
  })

  it('on Wayland with one display and one source gives no advice', async () => {
    const { ports } = fakePorts({ sessionType: 'wayland', displays: [laptop] })
    expect((await captureScreens(ports)).advice).toBeNull()
  })

  it('explains a cancelled portal dialog on Wayland and an empty capture elsewhere', async () => {
    const wayland = fakePorts({ sessionType: 'wayland', sources: () => [] })
    expect(await captureScreens(wayland.ports)).toEqual({
      images: [],
      advice: WAYLAND_NO_SOURCE_ADVICE,
    })
    const x11 = fakePorts({
      sources: () => [{ id: 's', display_id: '1', name: 'S', thumbnail: bitmap(0, 0) }],
    })
    expect(await captureScreens(x11.ports)).toEqual({ images: [], advice: NO_SOURCE_ADVICE })
  })
})
