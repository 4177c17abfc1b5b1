// Picks Argon2id parameters for a new key slot: never below the RFC 9106 floor, with passes raised
// until one derivation takes about `targetMs` on this machine, when idle, with the implementation
// we use. Each run is judged by what it cost the CPU as well as by the clock: other processes
// competing for the cores stretch the wall-clock time of a run (which would make calibration pick
// far fewer passes) but not the CPU time it consumed.
import { availableParallelism } from 'node:os'
import { randomBytes } from '../crypto/random.ts'
import { wipe } from '../crypto/wipe.ts'
import { ARGON2_FLOOR, maxIterationsFor, type Argon2Params } from './argon2-params.ts'
import type { Argon2ImplementationName } from './argon2-types.ts'
import { DERIVED_KEY_BYTES, fastestArgon2 } from './derive-key.ts'

export const CALIBRATION_TARGET_MS = 1000

export interface Calibration {
  params: Argon2Params
  implementation: Argon2ImplementationName
  /** Best of the timed runs at the base parameters. */
  baseMs: number
}

/** The probe run lasts about this share of the target: long enough to average out machine noise. */
const PROBE_SHARE = 0.3

/**
 * A derivation costs a fixed part (allocating and faulting in the memory) plus a time per pass, so
 * the passes for the target come from a line through a short run and a longer probe run, each the
 * best of two (other processes share the cores).
 */
export async function calibrateArgon2(
  targetMs: number = CALIBRATION_TARGET_MS,
  base: Argon2Params = ARGON2_FLOOR,
): Promise<Calibration> {
  const impl = await fastestArgon2()
  const password = randomBytes(16)
  const salt = randomBytes(16)
  const lanesAtOnce = Math.max(1, Math.min(base.parallelism, availableParallelism()))
  const time = async (iterations: number, runs = 2): Promise<number> => {
    let best = Infinity
    for (let run = 0; run < runs; run++) {
      const start = performance.now()
      const cpuStart = process.cpuUsage()
      const params = { ...base, iterations }
      wipe(await impl.hash({ password, salt, params, tagLength: DERIVED_KEY_BYTES }))
      const wallMs = performance.now() - start
      const cpu = process.cpuUsage(cpuStart)
      best = Math.min(best, idleEstimateMs(wallMs, (cpu.user + cpu.system) / 1000, lanesAtOnce))
    }
    return best
  }
  const clamp = (t: number) => clampIterations(base, t)
  try {
    const baseMs = await time(base.iterations)
    const probe = clamp(Math.round((targetMs * PROBE_SHARE) / (baseMs / base.iterations)))
    const probeMs = probe > base.iterations ? await time(probe) : baseMs
    let iterations = clamp(
      passesForTarget({ baseIterations: base.iterations, baseMs, probe, probeMs, targetMs }),
    )
    // Short runs mislead (threads warming up, other processes): one run at the chosen passes
    // settles it, and a miss by more than a quarter is scaled back to the target.
    if (iterations > probe) {
      const checkMs = await time(iterations, 1)
      if (Math.abs(checkMs - targetMs) > targetMs / 4) {
        iterations = clamp(Math.round((iterations * targetMs) / checkMs))
      }
    }
    return { params: { ...base, iterations }, implementation: impl.name, baseMs }
  } finally {
    wipe(password)
  }
}

/**
 * What a run would have taken on an idle machine: its wall-clock time, unless the CPU time it
 * consumed, spread over the lanes that can run at once, says less (the rest was waiting for cores
 * other processes held). A run that used no measurable CPU (another process did the work) is
 * judged by the clock alone.
 */
export function idleEstimateMs(wallMs: number, cpuMs: number, lanesAtOnce: number): number {
  if (cpuMs <= 0) return wallMs
  return Math.min(wallMs, cpuMs / lanesAtOnce)
}

/**
 * Between the base's passes and the most the read side accepts at its memory: a slot that
 * calibration writes must always be one that unlock agrees to run.
 */
export function clampIterations(base: Argon2Params, iterations: number): number {
  return Math.min(maxIterationsFor(base.memoryKiB), Math.max(base.iterations, iterations))
}

export interface CalibrationTimings {
  baseIterations: number
  baseMs: number
  probe: number
  probeMs: number
  targetMs: number
}

/**
 * Passes that should take `targetMs`. The line through the two runs separates the fixed cost from
 * the cost per pass, but on a busy machine the base run can come out slower than it should and the
 * slope near zero, which would ask for thousands of passes. So the per-pass cost is kept between
 * half and all of the probe's average: at most twice the passes a cost-free start would give.
 */
export function passesForTarget(t: CalibrationTimings): number {
  const average = t.probeMs / t.probe
  if (t.probe <= t.baseIterations) return Math.round(t.targetMs / average)
  const slope = (t.probeMs - t.baseMs) / (t.probe - t.baseIterations)
  const perPass = Math.min(average, Math.max(average / 2, slope))
  const fixedMs = Math.max(0, t.probeMs - perPass * t.probe)
  return Math.max(1, Math.round((t.targetMs - fixedMs) / perPass))
}
