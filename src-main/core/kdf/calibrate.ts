// Picks Argon2id parameters for a new key slot: never below the RFC 9106 floor, with passes raised
// until one derivation takes about `targetMs` on this machine with the implementation we use.
import { randomBytes } from '../crypto/random.ts'
import { wipe } from '../crypto/wipe.ts'
import { ARGON2_FLOOR, ARGON2_MAX_ITERATIONS, type Argon2Params } from './argon2-params.ts'
import type { Argon2ImplementationName } from './argon2-types.ts'
import { DERIVED_KEY_BYTES, fastestArgon2 } from './derive-key.ts'

export const CALIBRATION_TARGET_MS = 1000

export interface Calibration {
  params: Argon2Params
  implementation: Argon2ImplementationName
  /** Best of the timed runs at the base parameters. */
  baseMs: number
}

export async function calibrateArgon2(
  targetMs: number = CALIBRATION_TARGET_MS,
  base: Argon2Params = ARGON2_FLOOR,
): Promise<Calibration> {
  const impl = await fastestArgon2()
  const request = {
    password: randomBytes(16),
    salt: randomBytes(16),
    params: base,
    tagLength: DERIVED_KEY_BYTES,
  }
  let best = Infinity
  // Two runs: the first also pays for worker start and page faults.
  for (let i = 0; i < 2; i++) {
    const start = performance.now()
    wipe(await impl.hash(request))
    best = Math.min(best, performance.now() - start)
  }
  wipe(request.password)
  const perPass = best / base.iterations
  const iterations = Math.min(
    ARGON2_MAX_ITERATIONS,
    Math.max(base.iterations, Math.round(targetMs / perPass)),
  )
  return { params: { ...base, iterations }, implementation: impl.name, baseMs: best }
}
