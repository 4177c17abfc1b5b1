import { describe, expect, it } from 'vitest'
import { isCairnError } from '../../../src-main/core/errors.ts'
import {
  ARGON2_FLOOR,
  ARGON2_MAX_COST_KIB,
  isSaneArgon2Params,
  maxIterationsFor,
  validateNewArgon2Params,
} from '../../../src-main/core/kdf/argon2-params.ts'

describe('Argon2 parameter policy', () => {
  it('the floor is RFC 9106 second recommendation: 64 MiB, t=3, p=4', () => {
    expect(ARGON2_FLOOR).toEqual({ memoryKiB: 65536, iterations: 3, parallelism: 4 })
  })

  it('accepts the floor and anything stronger', () => {
    expect(validateNewArgon2Params(ARGON2_FLOOR)).toEqual(ARGON2_FLOOR)
    const strong = { memoryKiB: 262144, iterations: 40, parallelism: 4 }
    expect(validateNewArgon2Params(strong)).toEqual(strong)
  })

  it.each([
    ['less memory', { memoryKiB: 65535, iterations: 3, parallelism: 4 }],
    ['fewer passes', { memoryKiB: 65536, iterations: 2, parallelism: 4 }],
    ['fewer lanes', { memoryKiB: 65536, iterations: 3, parallelism: 1 }],
  ])('refuses %s than the floor unless explicitly allowed for tests', (_w, params) => {
    let error: unknown
    try {
      validateNewArgon2Params(params)
    } catch (e) {
      error = e
    }
    expect(isCairnError(error, 'INVALID_ARGUMENT')).toBe(true)
    expect((error as Error).message).toMatch(/weaker than the floor/)
    expect(validateNewArgon2Params(params, { allowBelowFloor: true })).toEqual(params)
  })

  it.each([
    { memoryKiB: 31, iterations: 1, parallelism: 4 },
    { memoryKiB: 2 ** 21, iterations: 3, parallelism: 4 },
    { memoryKiB: 65536, iterations: 0, parallelism: 4 },
    { memoryKiB: 65536, iterations: 1e6, parallelism: 4 },
    { memoryKiB: 65536, iterations: 3, parallelism: 0 },
    { memoryKiB: 65536.5, iterations: 3, parallelism: 4 },
    { memoryKiB: '65536', iterations: 3, parallelism: 4 },
    // Each within its own range, but together hours of work for a single slot.
    { memoryKiB: 1024 * 1024, iterations: 10_000, parallelism: 4 },
    { memoryKiB: 1024 * 1024, iterations: 65, parallelism: 4 },
    { memoryKiB: 65536, iterations: 1025, parallelism: 4 },
  ])('rejects insane params even for tests: %o', (params) => {
    expect(isSaneArgon2Params(params)).toBe(false)
    expect(() => validateNewArgon2Params(params as never, { allowBelowFloor: true })).toThrow(
      /out of range/,
    )
  })
})

describe('total cost of one derivation', () => {
  it('memory × passes is capped at 64 GiB: 64 MiB × 1,024 or 1 GiB × 64 are the most', () => {
    expect(ARGON2_MAX_COST_KIB).toBe(64 * 1024 * 1024)
    expect(isSaneArgon2Params({ memoryKiB: 65536, iterations: 1024, parallelism: 4 })).toBe(true)
    expect(isSaneArgon2Params({ memoryKiB: 1024 * 1024, iterations: 64, parallelism: 4 })).toBe(
      true,
    )
    expect(maxIterationsFor(65536)).toBe(1024)
    expect(maxIterationsFor(1024 * 1024)).toBe(64)
    expect(maxIterationsFor(64)).toBe(10_000)
  })
})
