// Bounded fuzzing of an importer's parser: mutated copies of a real sample (bytes flipped,
// cut short, spliced) and random bytes must either read or fail with a CairnError, never
// anything else. Returns how many inputs were tried, for the test to print.
import fc from 'fast-check'
import { isCairnError } from '../../src-main/core/errors.ts'
import type { Importer } from '../../src-main/core/import/importer.ts'

const mutation = (sample: Uint8Array) =>
  fc.oneof(
    fc
      .record({
        at: fc.nat({ max: Math.max(0, sample.length - 1) }),
        value: fc.integer({ min: 0, max: 255 }),
      })
      .map(({ at, value }) => {
        const copy = sample.slice()
        copy[at] = value
        return copy
      }),
    fc.nat({ max: sample.length }).map((end) => sample.slice(0, end)),
    fc
      .record({ at: fc.nat({ max: sample.length }), extra: fc.uint8Array({ maxLength: 64 }) })
      .map(({ at, extra }) => {
        const copy = new Uint8Array(sample.length + extra.length)
        copy.set(sample.subarray(0, at))
        copy.set(extra, at)
        copy.set(sample.subarray(at), at + extra.length)
        return copy
      }),
    fc.uint8Array({ maxLength: 512 }),
  )

export async function fuzzImporter(
  importer: Importer,
  sample: Uint8Array,
  password: string | null,
  numRuns: number,
): Promise<number> {
  let tried = 0
  await fc.assert(
    fc.asyncProperty(mutation(sample), async (bytes) => {
      tried++
      importer.sniff(bytes, 'fuzz')
      try {
        await importer.read(bytes, async () => password)
      } catch (e) {
        if (!isCairnError(e)) throw e
      }
    }),
    { numRuns, seed: 20261206 },
  )
  return tried
}
