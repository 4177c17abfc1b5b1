// `npm run bench` (or `./dev bench [filter]`): runs every bench/<topic>.bench.ts in turn and prints
// one table. Figures are medians of repeated runs on this machine, never pass/fail tests.
import { readdirSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import type { BenchFigure, BenchModule } from './bench-types.ts'

const filter = process.argv[2]
const dir = new URL('.', import.meta.url)
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => !filter || f.includes(filter))
  .sort()

console.log(
  `Cairn bench · Node ${process.version} · ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'} · ${Math.round(totalmem() / 2 ** 30)} GiB`,
)
const rows: [string, BenchFigure][] = []
for (const file of files) {
  const mod = (await import(new URL(file, dir).href)) as { default: BenchModule }
  const topic = file.replace('.bench.ts', '')
  process.stdout.write(`running ${topic}…\n`)
  for (const figure of await mod.default()) rows.push([topic, figure])
}

const fmt = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(v < 10 ? 2 : 1))
console.log('\n| topic | measure | value | goal | note |\n| --- | --- | --- | --- | --- |')
for (const [topic, f] of rows) {
  console.log(
    `| ${topic} | ${f.name} | ${fmt(f.value)} ${f.unit} | ${f.goal ?? ''} | ${f.note ?? ''} |`,
  )
}
