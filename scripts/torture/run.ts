// `./dev torture [SECONDS]`: the kill, bit-flip and fuzz campaigns within a time budget (default
// 180 s, split 40/35/25), then their figures. Exits 1 when an acknowledged write was lost, a vault
// locked its owner out, a flip gave silently wrong data or a raw exception, or a fuzz input crashed.
import { runFlipCampaign } from './flip-campaign.ts'
import { runFuzzCampaign } from './fuzz-campaign.ts'
import { runKillCampaign } from './kill-campaign.ts'

const seconds = Number(process.argv[2] ?? 180)
if (!Number.isFinite(seconds) || seconds <= 0) {
  console.error('usage: ./dev torture [SECONDS]  (the time budget, default 180)')
  process.exit(2)
}
const budget = seconds * 1000
console.log(`Cairn torture run: ${seconds} s budget`)

const kill = await runKillCampaign(budget * 0.4)
console.log(
  `kill:  ${kill.kills} SIGKILLs of a writer; ${kill.acknowledgedWrites} acknowledged writes, ` +
    `${kill.acknowledgedWritesLost} lost; ${kill.lockedOut} times locked out`,
)
const flip = await runFlipCampaign(budget * 0.35)
const refused = Object.entries(flip.refused)
  .map(([code, n]) => `${code} ${n}`)
  .join(', ')
console.log(
  `flip:  ${flip.flips} single-bit flips of a locked vault: ${flip.unharmed} unharmed, ` +
    `${flip.damagedRowsReported} damaged rows reported, refused (${refused || 'none'}), ` +
    `${flip.misleading} misleading refusals, ${flip.rawExceptions} raw exceptions, ` +
    `${flip.silentWrongData} silent wrong data`,
)
for (const e of flip.examples) console.log(`       ${e}`)
const fuzz = runFuzzCampaign(budget * 0.25)
console.log(
  `fuzz:  ${fuzz.inputs} mutated otpauth and migration URIs: ${fuzz.accepted} accepted, ` +
    `${fuzz.refused} refused, ${fuzz.crashes} crashes`,
)
for (const e of fuzz.examples) console.log(`       ${e}`)

const failed =
  kill.acknowledgedWritesLost +
  kill.lockedOut +
  flip.silentWrongData +
  flip.rawExceptions +
  flip.misleading +
  fuzz.crashes
console.log(failed ? 'FAILED' : 'ok: nothing lost, nothing silently wrong, nothing crashed')
process.exit(failed ? 1 : 0)
