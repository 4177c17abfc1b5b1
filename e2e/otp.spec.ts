// 2FA keys: add by otpauth URI, by typed secret and by a QR code image; the shown codes are
// checked against RFC 6238/4226 values computed here with node:crypto (not with Cairn's engine).
import jsQRModule from 'jsqr'
import { PNG } from 'pngjs'
import QRCode from 'qrcode'
import { base32Decode, hotpRef, totpRef } from '../test/support/reference-otp.ts'
import type { AppInfo } from '../src-shared/ipc-contract.ts'
import { awayFromCodeBoundary, expect, test } from './fixtures.ts'

// jsqr is CommonJS typed as an ES module: Node hands over the function itself.
type JsQr = typeof jsQRModule.default
const loadedJsQr = jsQRModule as unknown as JsQr | { default: JsQr }
const jsQR: JsQr = typeof loadedJsQr === 'function' ? loadedJsQr : loadedJsQr.default

const SECRET = 'JBSWY3DPEHPK3PXP' // 80 bits, as many services issue
const URI = `otpauth://totp/GitHub:ada%40example.org?secret=${SECRET}&issuer=GitHub`
const spaced = (code: string) => `${code.slice(0, 3)} ${code.slice(3)}`
const totpNow = (secret = SECRET, digits = 6, algorithm = 'sha1') =>
  totpRef(base32Decode(secret), Date.now() / 1000, digits, 30, algorithm)

test.beforeEach(async ({ harness }) => {
  await harness.setUpTwoVaults()
  await harness.selectVault('2FA keys')
})

test('add a key from an otpauth URI: its code is shown before saving, then live, then copied', async ({
  harness,
  page,
}) => {
  await harness.add('2FA key')
  const dialog = harness.dialog('New 2FA key')
  await dialog.getByLabel('otpauth:// URI').fill(URI)
  await awayFromCodeBoundary()
  const preview = dialog.getByTestId('preview-code')
  await expect(preview).toHaveAttribute('data-code', totpNow())
  await expect(dialog.getByText('Enter this code on the website to confirm the key')).toBeVisible()
  await expect(dialog.getByLabel('Issuer')).toHaveValue('GitHub')
  await expect(dialog.getByLabel('Account')).toHaveValue('ada@example.org')
  await dialog.getByRole('button', { name: 'Save key' }).click()

  // The reminder: recovery codes one click away, prefilled for this site.
  const saved = harness.dialog('2FA key saved')
  await expect(saved.getByText(/recovery codes/).first()).toBeVisible()
  await saved.getByRole('button', { name: 'Save recovery codes for GitHub…' }).click()
  const rc = harness.dialog('New recovery codes')
  await expect(rc.getByLabel('Issuer')).toHaveValue('GitHub')
  await rc.getByLabel(/Codes/).fill('1111-aaaa\n2222-bbbb')
  await rc.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(rc).toBeHidden()

  // The key's live code in the list and in the detail pane, with the next one.
  await harness.listRow(/GitHub.*ada@example.org/).click()
  await awayFromCodeBoundary()
  const live = page.getByTestId('live-code')
  await expect(live).toHaveAttribute('data-code', totpNow())
  const nextExpected = totpRef(base32Decode(SECRET), Date.now() / 1000 + 30)
  await expect(page.getByTestId('next-code')).toHaveText(spaced(nextExpected))
  await expect(harness.listRow(/GitHub.*ada@example.org/)).toContainText(spaced(totpNow()))

  // Ctrl+T copies the code (main writes it).
  await page.getByRole('listbox').focus()
  await awayFromCodeBoundary()
  await page.keyboard.press('Control+t')
  await expect.poll(async () => (await harness.clipboard()).text).toBe(totpNow())
})

test('add a key by typing its secret (SHA-256, 8 digits)', async ({ harness, page }) => {
  const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA' // RFC 6238's SHA-256 seed
  await harness.add('2FA key')
  const dialog = harness.dialog('New 2FA key')
  await dialog.getByRole('tab', { name: 'Type the secret' }).click()
  await dialog.getByLabel(/Secret key/).fill(secret.toLowerCase().replace(/(.{4})/g, '$1 '))
  await dialog.getByLabel('Algorithm').selectOption('SHA256')
  await dialog.getByLabel('Digits').selectOption('8')
  await dialog.getByLabel('Issuer').fill('Example Bank')
  await dialog.getByLabel('Account').fill('ada')
  await awayFromCodeBoundary()
  await expect(dialog.getByTestId('preview-code')).toHaveAttribute(
    'data-code',
    totpNow(secret, 8, 'sha256'),
  )
  await dialog.getByRole('button', { name: 'Save key' }).click()
  await harness.dialog('2FA key saved').getByRole('button', { name: 'Done' }).click()
  await awayFromCodeBoundary()
  await expect(page.getByTestId('live-code')).toHaveAttribute(
    'data-code',
    totpNow(secret, 8, 'sha256'),
  )
})

test('a malformed URI is refused with a reason, and nothing is saved', async ({ harness }) => {
  await harness.add('2FA key')
  const dialog = harness.dialog('New 2FA key')
  await dialog.getByLabel('otpauth:// URI').fill('otpauth://totp/Broken?secret=not*base32')
  await expect(dialog.getByRole('alert')).toContainText(/secret/i)
  await dialog.getByRole('button', { name: 'Save key' }).click()
  await expect(
    dialog.getByRole('alert').filter({ hasText: 'Paste an otpauth:// URI' }),
  ).toBeVisible()
  const vaults = await harness.vaults()
  const keys = vaults.find((v) => v.name === '2FA keys')
  expect((await harness.call<{ items: unknown[] }>('cairn:items:list', keys?.id)).items).toEqual([])
})

test('add a key from a QR code image', async ({ harness, page }) => {
  const info = await harness.call<AppInfo>('cairn:app:info')
  // The scanner is part of every build: a build without it must fail here, not skip.
  expect(info.capabilities.qrScanner).toBe(true)
  const uri =
    'otpauth://totp/Mastodon:ada?secret=KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TFOQ&issuer=Mastodon'
  const png = await QRCode.toBuffer(uri, { type: 'png', width: 360, margin: 4 })
  await harness.add('2FA key')
  const dialog = harness.dialog('New 2FA key')
  await dialog.getByRole('tab', { name: 'QR code image' }).click()
  await dialog.getByLabel('Image file with a QR code').setInputFiles({
    name: 'qr.png',
    mimeType: 'image/png',
    buffer: png,
  })
  await expect(dialog.getByLabel('Issuer')).toHaveValue('Mastodon')
  await awayFromCodeBoundary()
  await expect(dialog.getByTestId('preview-code')).toHaveAttribute(
    'data-code',
    totpNow('KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TFOQ'),
  )
  await dialog.getByRole('button', { name: 'Save key' }).click()
  await harness.dialog('2FA key saved').getByRole('button', { name: 'Done' }).click()
  await expect(harness.listRow(/Mastodon/)).toBeVisible()
  await expect(page.getByTestId('live-code')).toBeVisible()

  // Dropped onto the dialog: an image with a web address and a key says what each code holds.
  const two = await twoCodesPng(
    'https://example.com/welcome',
    'otpauth://totp/Forge:ada?secret=NBSWY3DPO5XXE3DEEBQWY2LDMU&issuer=Forge',
  )
  await harness.add('2FA key')
  const again = harness.dialog('New 2FA key')
  await again.getByRole('tab', { name: 'QR code image' }).click()
  const drop = await page.evaluateHandle((b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))
    const data = new DataTransfer()
    data.items.add(new File([bytes], 'screenshot.png', { type: 'image/png' }))
    return data
  }, two.toString('base64'))
  await again.locator('.dropzone').dispatchEvent('drop', { dataTransfer: drop })
  await expect(again.getByLabel('Issuer')).toHaveValue('Forge')
  await expect(again.getByText(/holds a web address/)).toBeVisible()

  // Pasted (Ctrl+V of a screenshot): the same path.
  const single = await QRCode.toBuffer(
    'otpauth://totp/Paste:ada?secret=MZXW6YTBOI2DKNJVGQZTKMZTGQ&issuer=Paste',
    {
      type: 'png',
      width: 300,
    },
  )
  await again.locator('.dropzone').evaluate((el, b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))
    const data = new DataTransfer()
    data.items.add(new File([bytes], 'pasted.png', { type: 'image/png' }))
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }))
  }, single.toString('base64'))
  await expect(again.getByLabel('Issuer')).toHaveValue('Paste')
})

/** Two QR codes side by side on one white PNG. */
async function twoCodesPng(left: string, right: string): Promise<Buffer> {
  const [a, b] = await Promise.all(
    [left, right].map(async (text) =>
      PNG.sync.read(await QRCode.toBuffer(text, { type: 'png', width: 300, margin: 4 })),
    ),
  )
  if (!a || !b) throw new Error('QR rendering failed')
  const out = new PNG({ width: a.width + b.width + 40, height: Math.max(a.height, b.height) })
  out.data.fill(255)
  PNG.bitblt(a, out, 0, 0, a.width, a.height, 0, 0)
  PNG.bitblt(b, out, 0, 0, b.width, b.height, a.width + 40, 0)
  return PNG.sync.write(out)
}

test('HOTP: each "next code" uses the stored counter and advances it durably', async ({
  harness,
  page,
}) => {
  await harness.add('2FA key')
  const dialog = harness.dialog('New 2FA key')
  // RFC 4226's test secret, starting at counter 0.
  await dialog
    .getByLabel('otpauth:// URI')
    .fill('otpauth://hotp/Token:ada?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&counter=0&issuer=Token')
  await expect(dialog.getByTestId('preview-code')).toHaveAttribute('data-code', '755224')
  await dialog.getByRole('button', { name: 'Save key' }).click()
  await harness.dialog('2FA key saved').getByRole('button', { name: 'Done' }).click()

  const details = page.getByRole('region', { name: 'Item details' })
  await expect(details.getByText('Next counter 0')).toBeVisible()
  await details.getByRole('button', { name: 'Next code' }).click()
  await expect(details.getByTestId('hotp-code')).toHaveText('755 224')
  await details.getByRole('button', { name: 'Next code' }).click()
  await expect(details.getByTestId('hotp-code')).toHaveText('287 082')
  expect(hotpRef(base32Decode('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'), 1)).toBe('287082')

  // The counter survives locking and unlocking the vault file.
  await page.getByRole('button', { name: 'Lock 2FA keys' }).click()
  await page.getByLabel('Master password', { exact: true }).fill('staple orbit lantern two')
  await page.keyboard.press('Enter')
  await harness.listRow(/Token/).click()
  await expect(details.getByText('Next counter 2')).toBeVisible()
})

test('see a key again: secret, otpauth URI and a scannable QR code, only after an explicit reveal', async ({
  harness,
  page,
}) => {
  await harness.add('2FA key')
  const add = harness.dialog('New 2FA key')
  await add.getByLabel('otpauth:// URI').fill(URI)
  await expect(add.getByTestId('preview-code')).toBeVisible()
  await add.getByRole('button', { name: 'Save key' }).click()
  await harness.dialog('2FA key saved').getByRole('button', { name: 'Done' }).click()

  await page.getByRole('button', { name: 'Show key…' }).click()
  const dialog = harness.dialog(/Key of GitHub/)
  await expect(dialog.getByTestId('key-secret')).toBeHidden()
  await dialog.getByRole('button', { name: 'Reveal secret and QR code' }).click()
  await expect(dialog.getByTestId('key-secret')).toHaveText('JBSW Y3DP EHPK 3PXP')
  const shownUri = (await dialog.getByTestId('key-uri').textContent()) ?? ''
  expect(shownUri).toContain(`secret=${SECRET}`)
  expect(shownUri).toContain('issuer=GitHub')

  // The QR image decodes (with jsQR, here in the test) to the same URI.
  const src = (await dialog.getByTestId('key-qr').getAttribute('src')) ?? ''
  const png = PNG.sync.read(Buffer.from(src.replace(/^data:image\/png;base64,/, ''), 'base64'))
  const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)
  expect(decoded?.data).toBe(shownUri)

  await dialog.getByRole('button', { name: 'Hide again' }).click()
  await expect(dialog.getByTestId('key-secret')).toBeHidden()

  // Locking (here from outside the page, as auto-lock does) closes the dialog with its secret.
  await dialog.getByRole('button', { name: 'Reveal secret and QR code' }).click()
  await expect(dialog.getByTestId('key-secret')).toBeVisible()
  await harness.call('cairn:vaults:lock-all')
  await expect(dialog).toBeHidden()
  await expect(page.getByText('JBSW Y3DP EHPK 3PXP')).toHaveCount(0)
  await expect(page.getByRole('heading', { name: 'Unlock 2FA keys' })).toBeVisible()
})

test('typed issuer and account survive typing the secret, changing digits and a pasted URI', async ({
  harness,
}) => {
  await harness.add('2FA key')
  const dialog = harness.dialog('New 2FA key')
  await dialog.getByRole('tab', { name: 'Type the secret' }).click()
  await dialog.getByLabel('Issuer').fill('Example Bank')
  await dialog.getByLabel('Account').fill('ada')
  await dialog.getByLabel(/Secret key/).fill(SECRET)
  await expect(dialog.getByTestId('preview-code')).toBeVisible()
  await dialog.getByLabel('Digits').selectOption('8')
  await awayFromCodeBoundary()
  await expect(dialog.getByTestId('preview-code')).toHaveAttribute('data-code', totpNow(SECRET, 8))
  await expect(dialog.getByLabel('Issuer')).toHaveValue('Example Bank')
  await expect(dialog.getByLabel('Account')).toHaveValue('ada')

  // A URI fills only the empty field; the typed issuer stays.
  await dialog.getByLabel('Account').fill('')
  await dialog.getByRole('tab', { name: 'Paste otpauth URI' }).click()
  await dialog.getByLabel('otpauth:// URI').fill(URI)
  await expect(dialog.getByLabel('Account')).toHaveValue('ada@example.org')
  await expect(dialog.getByLabel('Issuer')).toHaveValue('Example Bank')
  await dialog.getByRole('button', { name: 'Save key' }).click()
  await expect(
    harness.dialog('2FA key saved').getByRole('button', { name: /for Example Bank/ }),
  ).toBeVisible()
})
