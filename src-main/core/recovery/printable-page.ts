// Printable pages for credentials that are shown once: a recovery key (grouped text and a QR code)
// and a list of one-time codes. Self-contained HTML (inline SVG and CSS, nothing fetched), for the
// app to print from memory or the CLI to write to stdout. The page holds the secret: it is never
// written to disk by Cairn itself.
import QRCode from 'qrcode'

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}

/** A QR code of `text` as an SVG element (error correction M: survives a fold or a smudge). */
export async function qrSvg(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 })
  return svg.replace(/<\?xml[^>]*\?>/, '').trim()
}

const STYLE = `
  body { font-family: system-ui, sans-serif; max-width: 42rem; margin: 2rem auto; color: #111; }
  h1 { font-size: 1.4rem; margin-bottom: 0.2rem; }
  .meta { color: #444; margin-top: 0; }
  .secret { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 1.25rem;
    letter-spacing: 0.05em; line-height: 2; word-spacing: 0.4em; border: 1px solid #111;
    padding: 0.75rem 1rem; }
  .qr svg { width: 14rem; height: 14rem; }
  ol.codes { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 1.15rem;
    line-height: 2; columns: 2; }
  .codes li::marker { color: #666; }
  .box { display: inline-block; width: 0.9em; height: 0.9em; border: 1px solid #111;
    margin-left: 0.6em; vertical-align: middle; }
  .note { font-size: 0.9rem; color: #333; }
  @media print { body { margin: 0.5in; } }
`

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`
}

function when(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10)
}

export interface RecoveryKeyPage {
  vaultName: string
  /** The grouped key as issued. */
  key: string
  label: string
  createdAt: number
}

export async function recoveryKeyPage(p: RecoveryKeyPage): Promise<string> {
  const groups = p.key.split('-').map(escapeHtml).join(' ')
  return page(
    `Cairn recovery key — ${p.vaultName}`,
    `<h1>Cairn recovery key</h1>
<p class="meta">Vault <strong>${escapeHtml(p.vaultName)}</strong> · ${escapeHtml(p.label)} · issued ${when(p.createdAt)}</p>
<p class="secret">${groups}</p>
<div class="qr">${await qrSvg(p.key)}</div>
<p class="note">This key opens the vault without the master password. Keep this page somewhere
safe and offline, away from the device. Cairn shows it only once and does not keep a copy.</p>
<p class="note">After unlocking with it, Cairn asks for a new master password, retires this key and
issues a new one. Revoking the key in Cairn's settings protects only copies of the vault file made
after the revocation: an older copy still opens with it.</p>`,
  )
}

export interface OneTimeCodesPage {
  vaultName: string
  codes: readonly string[]
  createdAt: number
}

export function oneTimeCodesPage(p: OneTimeCodesPage): string {
  const items = p.codes.map((c) => `<li>${escapeHtml(c)}<span class="box"></span></li>`).join('\n')
  return page(
    `Cairn one-time codes — ${p.vaultName}`,
    `<h1>Cairn one-time unlock codes</h1>
<p class="meta">Vault <strong>${escapeHtml(p.vaultName)}</strong> · ${p.codes.length} codes · issued ${when(p.createdAt)}</p>
<ol class="codes">
${items}
</ol>
<p class="note">Each code unlocks the vault once, for use on a computer you do not fully trust;
Cairn then destroys it. Tick a code off when you use it. Anyone with this list and a copy of the
vault file can open the vault: keep it as safe as a password. A copy of the vault file made before
a code was used still accepts that code.</p>`,
  )
}
