// Argon2id parameter policy. The floor is RFC 9106's second recommended option (section 4):
// 64 MiB, 3 passes, 4 lanes. Sanity bounds apply to every slot read from a file: at most 1 GiB,
// and at most 64 GiB of memory passes (memory × passes), about a minute on a slow two-core machine.
// With unlock trying at most MAX_SLOTS_TRIED slots of a kind (key-slots.ts), that bounds what a
// damaged or hostile file can make one unlock cost.
import { CairnError } from '../errors.ts'
import type { Argon2Params } from '../vault/vault-api.ts'

export type { Argon2Params }

export const ARGON2_FLOOR: Readonly<Argon2Params> = Object.freeze({
  memoryKiB: 64 * 1024,
  iterations: 3,
  parallelism: 4,
})

/** argon2-browser's WebAssembly heap tops out just under 2 GiB; stay well inside it. */
export const ARGON2_MAX_MEMORY_KIB = 1024 * 1024
export const ARGON2_MAX_ITERATIONS = 10_000
export const ARGON2_MAX_PARALLELISM = 64
/**
 * memoryKiB × iterations: 64 GiB of memory passes (64 MiB × 1,024 or 1 GiB × 64). Time grows with
 * this product. Calibration stays below it (calibrate.ts clamps): a fast machine needs about 100 to
 * 200 passes at 64 MiB for its second.
 */
export const ARGON2_MAX_COST_KIB = 64 * 1024 * 1024
/** Argon2 version 0x13 (decimal 19), the only version Cairn writes or reads. */
export const ARGON2_VERSION = 0x13

function isInt(n: unknown, min: number, max: number): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max
}

/** True when the params are well-formed and within what any of our implementations can run. */
export function isSaneArgon2Params(p: unknown): p is Argon2Params {
  if (typeof p !== 'object' || p === null) return false
  const { memoryKiB, iterations, parallelism } = p as Record<string, unknown>
  return (
    isInt(parallelism, 1, ARGON2_MAX_PARALLELISM) &&
    isInt(iterations, 1, ARGON2_MAX_ITERATIONS) &&
    isInt(memoryKiB, 8 * parallelism, ARGON2_MAX_MEMORY_KIB) &&
    memoryKiB * iterations <= ARGON2_MAX_COST_KIB
  )
}

/** The most passes the sanity bounds allow at `memoryKiB`. */
export function maxIterationsFor(memoryKiB: number): number {
  return Math.min(ARGON2_MAX_ITERATIONS, Math.floor(ARGON2_MAX_COST_KIB / memoryKiB))
}

export function isAtLeastFloor(p: Argon2Params): boolean {
  return (
    p.memoryKiB >= ARGON2_FLOOR.memoryKiB &&
    p.iterations >= ARGON2_FLOOR.iterations &&
    p.parallelism >= ARGON2_FLOOR.parallelism
  )
}

/**
 * Checks params a caller asks to create a slot with. `allowBelowFloor` exists only for test suites
 * that need fast vaults; production code never sets it.
 */
export function validateNewArgon2Params(
  p: Argon2Params,
  { allowBelowFloor = false }: { allowBelowFloor?: boolean } = {},
): Argon2Params {
  if (!isSaneArgon2Params(p)) {
    throw new CairnError(
      'INVALID_ARGUMENT',
      `Argon2 parameters out of range: memoryKiB 8×parallelism..${ARGON2_MAX_MEMORY_KIB}, iterations 1..${ARGON2_MAX_ITERATIONS}, parallelism 1..${ARGON2_MAX_PARALLELISM}, memoryKiB × iterations at most ${ARGON2_MAX_COST_KIB}`,
    )
  }
  if (!allowBelowFloor && !isAtLeastFloor(p)) {
    throw new CairnError(
      'INVALID_ARGUMENT',
      `Argon2 parameters weaker than the floor (${ARGON2_FLOOR.memoryKiB} KiB, t=${ARGON2_FLOOR.iterations}, p=${ARGON2_FLOOR.parallelism})`,
    )
  }
  return { memoryKiB: p.memoryKiB, iterations: p.iterations, parallelism: p.parallelism }
}
