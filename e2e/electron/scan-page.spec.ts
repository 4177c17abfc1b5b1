// The scan confirmation page (scan.html, src-renderer/src/picker/scan) in Debian's Chromium
// through the browser harness: a real PNG with real QR codes is "opened", the real scanner reads
// it, the page shows each key with its current code (checked here against an independent RFC 6238
// computation), and Add saves the chosen keys into the chosen vault through the vault API.
import { createHmac } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import QRCode from 'qrcode'
import { PNG } from 'pngjs'
import { API } from '../../src-shared/ipc-contract.ts'
import { awayFromCodeBoundary, expect, HEADERS, test, type Harness } from '../fixtures.ts'

const ALICE = 'JBSWY3DPEHPK3PXP'
const BOB = 'KRSXG5CTMVRXEZLU'
const ALICE_URI = `otpauth://totp/Example:alice?secret=${ALICE}&issuer=Example`
const BOB_URI = `otpauth://totp/GitHub:bob?secret=${BOB}&issuer=GitHub`

function totp(secret: string, ms: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
  let bits = ''
  for (const c of secret) bits += alphabet.indexOf(c).toString(2).padStart(5, '0')
  const key = Buffer.from(bits.match(/.{8}/g)?.map((b) => parseInt(b, 2)) ?? [])
  const counter = Buffer.alloc(8)
  counter.writeBigUInt64BE(BigInt(Math.floor(ms / 30_000)))
  const mac = createHmac('sha1', key).update(counter).digest()
  const offset = (mac[19] as number) & 0x0f
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0')
}

/** A white PNG with the given texts drawn as QR codes side by side (plus a web address). */
function qrImage(texts: string[]): string {
  const module = 5
  const codes = texts.map((t) => QRCode.create(t, { errorCorrectionLevel: 'M' }).modules)
  const width = codes.reduce((w, c) => w + (c.size + 8) * module, 0)
  const height = Math.max(...codes.map((c) => (c.size + 8) * module))
  const png = new PNG({ width, height })
  png.data.fill(255)
  let x0 = 0
  for (const c of codes) {
    for (let r = 0; r < c.size; r++) {
      for (let col = 0; col < c.size; col++) {
        if (!c.get(r, col)) continue
        for (let dy = 0; dy < module; dy++) {
          for (let dx = 0; dx < module; dx++) {
            const i = ((r + 4) * module + dy) * width * 4 + (x0 + (col + 4) * module + dx) * 4
            png.data[i] = png.data[i + 1] = png.data[i + 2] = 0
          }
        }
      }
    }
    x0 += (c.size + 8) * module
  }
  const path = join(mkdtempSync(join(tmpdir(), 'cairn-scan-page-')), 'codes.png')
  writeFileSync(path, PNG.sync.write(png))
  return path
}

async function nextImageFile(harness: Harness, path: string): Promise<void> {
  const res = await harness.request.post('/__harness/next-image-file', {
    headers: HEADERS,
    data: { path },
  })
  expect(res.ok()).toBe(true)
}

async function vault(harness: Harness, name: string): Promise<string> {
  const path = await harness.call<string>(API.vaults.suggestPath, name)
  return (await harness.call<{ id: string }>(API.vaults.create, { path, name, password: 'pw' })).id
}

test('shows each key found with its current code, and adds the chosen ones to the chosen vault', async ({
  harness,
  page,
}) => {
  await vault(harness, 'Passwords')
  const keys = await vault(harness, '2FA keys')
  await nextImageFile(harness, qrImage([ALICE_URI, BOB_URI, 'https://example.com/welcome?t=1']))
  await awayFromCodeBoundary(30, 8_000)
  await page.goto('/scan.html?source=file')
  const found = page.getByRole('list', { name: 'Keys found' }).getByRole('listitem')
  await expect(found).toHaveCount(2)
  const now = Date.now()
  await expect(page.getByLabel('Current code of Example · alice')).toHaveText(
    `${totp(ALICE, now).slice(0, 3)} ${totp(ALICE, now).slice(3)}`,
  )
  await expect(page.getByLabel('Current code of GitHub · bob')).toHaveText(
    `${totp(BOB, now).slice(0, 3)} ${totp(BOB, now).slice(3)}`,
  )
  await expect(page.getByRole('list', { name: 'Other QR codes' })).toContainText(
    'https://example.com',
  )
  // Only Alice's key, into the 2FA vault.
  await page.getByRole('checkbox', { name: 'GitHub · bob' }).uncheck()
  await page.getByRole('combobox', { name: 'Add to' }).selectOption({ label: '2FA keys' })
  await page.getByRole('button', { name: 'Add 1 key' }).click()
  await expect(page.getByRole('status')).toContainText('Added 1 key to 2FA keys.')
  const list = await harness.call<{ items: { kind: string; issuer: string; account: string }[] }>(
    API.items.list,
    keys,
  )
  expect(list.items.map((i) => [i.kind, i.issuer, i.account])).toEqual([
    ['otp', 'Example', 'alice'],
  ])
})

test('asks to unlock a vault first when every vault is locked', async ({ harness, page }) => {
  const id = await vault(harness, '2FA keys')
  await harness.call(API.vaults.lock, id)
  await nextImageFile(harness, qrImage([ALICE_URI]))
  await page.goto('/scan.html?source=file')
  await expect(page.getByText('Unlock a vault in Cairn to add these keys to it.')).toBeVisible()
  await expect(page.getByRole('button', { name: 'Add 1 key' })).toBeDisabled()
})

test('says what it could not do (no screen capture in a browser)', async ({
  harness: _h,
  page,
}) => {
  await page.goto('/scan.html?source=screen')
  await expect(page.getByRole('alert')).toContainText('no screen capture')
})

test('has no serious accessibility violations (axe)', async ({ harness, page }) => {
  await vault(harness, '2FA keys')
  await nextImageFile(harness, qrImage([ALICE_URI]))
  await page.goto('/scan.html?source=file')
  await expect(page.getByRole('list', { name: 'Keys found' }).getByRole('listitem')).toHaveCount(1)
  const results = await new AxeBuilder({ page }).analyze()
  const serious = results.violations.filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  )
  expect(serious.map((v) => v.id)).toEqual([])
})
