// Printable pages: the QR code on the recovery-key page decodes (with jsQR, after rendering the
// SVG's modules to pixels) to the key itself; names are escaped; codes are all listed.
import jsQRModule from 'jsqr'
import { describe, expect, it } from 'vitest'
import {
  oneTimeCodesPage,
  qrSvg,
  recoveryKeyPage,
} from '../../../src-main/core/recovery/printable-page.ts'
import {
  generateOneTimeCode,
  generateRecoveryKey,
} from '../../../src-main/core/vault/credential-codes.ts'
import { randomId } from '../../../src-main/core/crypto/random.ts'

// jsqr is CommonJS with an ES-style default export: take the function from either shape.
const jsQR = ((jsQRModule as unknown as { default?: unknown }).default ??
  jsQRModule) as unknown as typeof jsQRModule.default

/** Rasterises qrcode's SVG (one path of unit squares: "M x y h1v1h-1z" style runs). */
function rasterise(
  svg: string,
  scale = 8,
): { data: Uint8ClampedArray; width: number; height: number } {
  const size = Number(/viewBox="0 0 (\d+) \d+"/.exec(svg)![1])
  const dark = new Set<string>()
  const path = /<path[^>]*stroke="#000000"[^>]*d="([^"]+)"/.exec(svg)![1]!
  // Strokes of width 1 along y+0.5: "M{x} {y}h{len}" moves and horizontal runs.
  let x = 0
  let y = 0
  for (const [, cmd, a, b] of path.matchAll(/([Mmh])(-?[\d.]+)(?: (-?[\d.]+))?/g)) {
    if (cmd === 'M') {
      x = Number(a)
      y = Number(b)
    } else if (cmd === 'm') {
      x += Number(a)
      y += Number(b)
    } else {
      const len = Number(a)
      for (let i = 0; i < len; i++) dark.add(`${x + i},${Math.floor(y)}`)
      x += len
    }
  }
  const width = size * scale
  const data = new Uint8ClampedArray(width * width * 4).fill(255)
  for (let py = 0; py < width; py++) {
    for (let px = 0; px < width; px++) {
      if (dark.has(`${Math.floor(px / scale)},${Math.floor(py / scale)}`)) {
        const at = (py * width + px) * 4
        data[at] = data[at + 1] = data[at + 2] = 0
      }
    }
  }
  return { data, width, height: width }
}

describe('printable pages', () => {
  it('the recovery key QR code decodes to the key', async () => {
    const key = generateRecoveryKey()
    const svg = await qrSvg(key)
    const { data, width, height } = rasterise(svg)
    expect(jsQR(data, width, height)?.data).toBe(key)
  })

  it('the recovery-key page holds the key, the QR code and an escaped vault name', async () => {
    const key = generateRecoveryKey()
    const html = await recoveryKeyPage({
      vaultName: '<script>alert(1)</script> & co',
      key,
      label: 'Safe',
      createdAt: Date.UTC(2025, 2, 1),
    })
    expect(html).toContain(key.split('-').join(' '))
    expect(html).toContain('<svg')
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; co')
    expect(html).not.toContain('<script>')
    expect(html).toContain('2025-03-01')
    expect(html).not.toMatch(/\b(src|href)=/) // nothing fetched when printed
  })

  it('the one-time codes page lists every code', () => {
    const codes = Array.from({ length: 10 }, () => generateOneTimeCode(randomId()))
    const html = oneTimeCodesPage({ vaultName: 'Home', codes, createdAt: 0 })
    for (const c of codes) expect(html).toContain(`<li>${c}<span`)
    expect(html).toContain('10 codes')
  })
})
