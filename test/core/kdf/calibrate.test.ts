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
