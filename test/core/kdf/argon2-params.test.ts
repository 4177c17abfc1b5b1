import { describe, expect, it } from 'vitest'
import { isCairnError } from '../../../src-main/core/errors.ts'
import {
  ARGON2_FLOOR,
  isSaneArgon2Params,
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
  ])('rejects insane params even for tests: %o', (params) => {
    expect(isSaneArgon2Params(params)).toBe(false)
    expect(() => validateNewArgon2Params(params as never, { allowBelowFloor: true })).toThrow(
      /out of range/,
    )
  })
})
