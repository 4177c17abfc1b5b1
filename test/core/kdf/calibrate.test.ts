import { afterAll, describe, expect, it } from 'vitest'
import { ARGON2_FLOOR } from '../../../src-main/core/kdf/argon2-params.ts'
import { calibrateArgon2 } from '../../../src-main/core/kdf/calibrate.ts'
import { closeKdf, fastestArgon2 } from '../../../src-main/core/kdf/derive-key.ts'

afterAll(closeKdf)

describe('calibrateArgon2', () => {
  it('never goes below the floor and raises passes in proportion to the target time', async () => {
    const short = await calibrateArgon2(1)
    expect(short.params).toEqual(ARGON2_FLOOR)
    expect(short.implementation).toBe((await fastestArgon2()).name)

    // A target of 40 base runs must land far above the floor's 3 passes (allowing for noise on a
    // shared machine, at least half of the proportional figure).
    const target = short.baseMs * 40
    const long = await calibrateArgon2(target)
    expect(long.params.memoryKiB).toBe(ARGON2_FLOOR.memoryKiB)
    expect(long.params.parallelism).toBe(ARGON2_FLOOR.parallelism)
    expect(long.params.iterations).toBeGreaterThanOrEqual(
      Math.floor((target / long.baseMs) * 3 * 0.5),
    )
  })
})
