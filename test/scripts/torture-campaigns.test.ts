// Short bounded runs of the campaigns `./dev torture` runs for minutes: real SIGKILLs of a writer
// process, single-bit flips of a real vault file, and mutated URIs for the parsers.
import { describe, expect, it } from 'vitest'
import { runFlipCampaign } from '../../scripts/torture/flip-campaign.ts'
import { runFuzzCampaign } from '../../scripts/torture/fuzz-campaign.ts'
import { runKillCampaign } from '../../scripts/torture/kill-campaign.ts'

describe('torture campaigns (bounded)', () => {
  it('kills: every acknowledged write survives, the vault always opens', async () => {
    const f = await runKillCampaign(60_000, 3)
    expect(f.kills).toBe(3)
    expect(f.acknowledgedWrites).toBeGreaterThan(0)
    expect(f.acknowledgedWritesLost).toBe(0)
    expect(f.lockedOut).toBe(0)
  })

  it('bit flips: never silently wrong data, a raw exception or a misleading refusal', async () => {
    const anywhere = await runFlipCampaign(60_000, { maxFlips: 80 })
    const unlockPages = await runFlipCampaign(60_000, { maxFlips: 80, focus: 'unlock-pages' })
    for (const f of [anywhere, unlockPages]) {
      expect(f.flips).toBe(80)
      expect(f.examples).toEqual([])
      expect(f.silentWrongData).toBe(0)
      expect(f.rawExceptions).toBe(0)
      expect(f.misleading).toBe(0)
    }
    // The flips in the unlock path did hit something (the check is not vacuous).
    expect(Object.values(unlockPages.refused).reduce((a, b) => a + b, 0)).toBeGreaterThan(0)
  })

  it('fuzz: mutated otpauth and migration URIs never crash the parsers', () => {
    const f = runFuzzCampaign(60_000, 5000)
    expect(f.inputs).toBe(5000)
    expect(f.examples).toEqual([])
    expect(f.crashes).toBe(0)
    expect(f.accepted).toBeGreaterThan(0)
    expect(f.refused).toBeGreaterThan(0)
  })
})
