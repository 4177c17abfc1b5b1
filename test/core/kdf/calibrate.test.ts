import { afterAll, describe, expect, it } from 'vitest'
import { ARGON2_FLOOR, isSaneArgon2Params } from '../../../src-main/core/kdf/argon2-params.ts'
import {
  calibrateArgon2,
  clampIterations,
  idleEstimateMs,
  passesForTarget,
} from '../../../src-main/core/kdf/calibrate.ts'
import { closeKdf, fastestArgon2 } from '../../../src-main/core/kdf/derive-key.ts'

afterAll(closeKdf)

describe('calibrateArgon2', () => {
  it('never goes below the floor and raises passes in proportion to the target time', async () => {
    const short = await calibrateArgon2(1)
    expect(short.params).toEqual(ARGON2_FLOOR)
    expect(short.implementation).toBe((await fastestArgon2()).name)

    // Raising passes, checked on a small base so the test stays quick: a target of 40 base runs is
    // ~40× its 3 passes. Other processes share the cores, so only require "clearly raised".
    const small = { memoryKiB: 4096, iterations: 3, parallelism: 4 }
    const quick = await calibrateArgon2(1, small)
    const long = await calibrateArgon2(quick.baseMs * 40, small)
    expect(long.params.memoryKiB).toBe(small.memoryKiB)
    expect(long.params.parallelism).toBe(small.parallelism)
    expect(long.params.iterations).toBeGreaterThan(3 * small.iterations)
  })
})

describe('idleEstimateMs', () => {
  it('a run stretched by other processes is judged by the CPU time it consumed', () => {
    // 4 lanes on 2 cores: 800 ms of CPU is 400 ms of work at full speed, though the clock said 2 s.
    expect(idleEstimateMs(2000, 800, 2)).toBe(400)
  })
  it('never more than the clock, and the clock alone when no CPU time was measured', () => {
    expect(idleEstimateMs(300, 2000, 2)).toBe(300)
    expect(idleEstimateMs(300, 0, 2)).toBe(300)
  })
})

describe('calibration on a busy machine', () => {
  it('with every core held by a spinning process, passes stay within a factor of the quiet figure', async () => {
    const { spawn } = await import('node:child_process')
    const { availableParallelism } = await import('node:os')
    const small = { memoryKiB: 8192, iterations: 3, parallelism: 4 }
    const quiet = await calibrateArgon2(150, small)
    const spinners = Array.from({ length: availableParallelism() }, () =>
      spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' }),
    )
    try {
      await new Promise((r) => setTimeout(r, 200))
      const busy = await calibrateArgon2(150, small)
      console.log(
        `passes at 8 MiB for 150 ms: ${quiet.params.iterations} as measured, ${busy.params.iterations} with ${spinners.length} spinning processes`,
      )
      // Timed by the clock alone, each run would wait for the cores about as long as it works.
      expect(busy.params.iterations).toBeGreaterThanOrEqual(Math.floor(quiet.params.iterations / 2))
    } finally {
      for (const s of spinners) s.kill('SIGKILL')
    }
  }, 60_000)
})

describe('passesForTarget', () => {
  it('splits a fixed cost from the cost per pass when the two runs agree', () => {
    // 20 ms to set up, 10 ms a pass: 3 passes = 50 ms, 30 passes = 320 ms; 1 s wants 98 passes.
    const t = { baseIterations: 3, baseMs: 50, probe: 30, probeMs: 320, targetMs: 1000 }
    expect(passesForTarget(t)).toBe(98)
  })

  it('a base run slowed by a busy machine cannot ask for thousands of passes', () => {
    // The base run took as long as the probe: the slope says a pass costs nothing.
    const t = { baseIterations: 3, baseMs: 300, probe: 30, probeMs: 300, targetMs: 1000 }
    const passes = passesForTarget(t)
    expect(passes).toBeLessThanOrEqual(200)
    expect(passes).toBeGreaterThanOrEqual(100)
  })

  it('a machine fast enough to ask for more passes than unlock accepts gets the most it accepts', () => {
    // 1 ms a pass at 64 MiB would want ~1,000 for a second, 5,000 for five.
    const fast = { baseIterations: 3, baseMs: 3, probe: 300, probeMs: 300, targetMs: 5000 }
    const passes = clampIterations(ARGON2_FLOOR, passesForTarget(fast))
    expect(passes).toBe(1024)
    expect(isSaneArgon2Params({ ...ARGON2_FLOOR, iterations: passes })).toBe(true)
    expect(isSaneArgon2Params({ ...ARGON2_FLOOR, iterations: passes + 1 })).toBe(false)
    expect(clampIterations(ARGON2_FLOOR, 1)).toBe(ARGON2_FLOOR.iterations)
  })

  it('without a probe the base average decides', () => {
    const t = { baseIterations: 3, baseMs: 1500, probe: 3, probeMs: 1500, targetMs: 1000 }
    expect(passesForTarget(t)).toBe(2)
  })
})
