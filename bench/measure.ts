/** Median wall time of `runs` calls after `warmup` untimed ones, in milliseconds. */
export async function medianMs(
  fn: () => unknown,
  { runs = 7, warmup = 1 }: { runs?: number; warmup?: number } = {},
): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn()
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    await fn()
    times.push(performance.now() - start)
  }
  times.sort((a, b) => a - b)
  return times[Math.floor(times.length / 2)] ?? Number.NaN
}
