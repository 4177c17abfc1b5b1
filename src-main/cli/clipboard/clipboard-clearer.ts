// The detached process `--clip` leaves behind: waits, then clears the clipboard if it still holds
// the text whose SHA-256 it was given (bin/cairn.js --clipboard-clearer).
import { sha256, type ClearOrder } from './clip-with-clear.ts'
import { findClipboardTool, clearClipboard, pasteText } from './clipboard-tools.ts'

async function readOrder(): Promise<ClearOrder | null> {
  let text = ''
  for await (const chunk of process.stdin) text += String(chunk)
  try {
    const order = JSON.parse(text) as ClearOrder
    const valid =
      typeof order.tool === 'string' &&
      Number.isInteger(order.seconds) &&
      order.seconds > 0 &&
      /^[0-9a-f]{64}$/.test(order.sha256)
    return valid ? order : null
  } catch {
    return null
  }
}

const order = await readOrder()
if (order) {
  await new Promise((r) => setTimeout(r, order.seconds * 1000))
  try {
    const tool = findClipboardTool()
    const now = pasteText(tool)
    // Unreadable clipboards are cleared: leaving a secret behind is the worse mistake.
    if (now === null || sha256(now) === order.sha256) clearClipboard(tool)
  } catch {
    // Nothing to report to: the command that started this has long returned.
  }
}
