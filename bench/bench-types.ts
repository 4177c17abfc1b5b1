/** One measured figure. `goal` is shown beside it; the bench never fails on a goal. */
export interface BenchFigure {
  name: string
  value: number
  unit: string
  goal?: string
  note?: string
}

/** A bench module: `bench/<topic>.bench.ts` with a default export of this type. */
export type BenchModule = () => Promise<BenchFigure[]>
