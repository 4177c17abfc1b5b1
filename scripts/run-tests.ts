// Runs every check the README promises, in order, and ends with one plain summary line.
// CAIRN_TEST_STAGES (a JSON list of stages) replaces the stages, for the test of this script.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { summarise, type Floors, type ReportFiles, type StageResult } from './test-run/summary.ts'

interface Stage {
  name: string
  cmd: string
  args: string[]
  tests?: 'unit' | 'e2e'
}

const root = process.cwd()
// Outside test-results/, which Playwright empties when it starts.
const reportDir = process.env['CAIRN_REPORT_DIR'] ?? '.cache/reports'
const files: ReportFiles = {
  vitestJson: join(reportDir, 'vitest.json'),
  vitestOutcome: join(reportDir, 'vitest-outcome.json'),
  playwrightJson: join(reportDir, 'playwright.json'),
}
process.env['CAIRN_VITEST_OUTCOME'] = files.vitestOutcome
process.env['CAIRN_PLAYWRIGHT_JSON'] = files.playwrightJson
// A runner that dies before writing must not leave the previous run's numbers to be read.
rmSync(reportDir, { recursive: true, force: true })
mkdirSync(reportDir, { recursive: true })

const floorsFile = process.env['CAIRN_TEST_FLOORS'] ?? 'test/test-floors.json'
const floors = JSON.parse(readFileSync(floorsFile, 'utf8')) as Floors

/** Electron's binary is here but no display: the `_electron` specs get a virtual one. */
function needsVirtualDisplay(): boolean {
  if (process.platform !== 'linux' || process.env['DISPLAY'] || process.env['WAYLAND_DISPLAY']) {
    return false
  }
  const pathFile = 'node_modules/electron/path.txt'
  if (!existsSync(pathFile)) return false
  const binary = join('node_modules/electron/dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(binary) && spawnSync('xvfb-run', ['--help']).error === undefined
}

function defaultStages(): Stage[] {
  // A stray .only fails the run here even outside CI: this is the whole suite, never a focus.
  const playwrightArgs = ['playwright', 'test', '--forbid-only']
  const playwright: Stage = needsVirtualDisplay()
    ? { name: 'end-to-end tests', cmd: 'xvfb-run', args: ['-a', 'npx', ...playwrightArgs] }
    : { name: 'end-to-end tests', cmd: 'npx', args: playwrightArgs }
  return [
    { name: 'type-check', cmd: 'npx', args: ['tsc', '-p', 'tsconfig.json', '--noEmit'] },
    { name: 'lint', cmd: 'npx', args: ['eslint', '--max-warnings=0', '.'] },
    { name: 'format', cmd: 'npx', args: ['prettier', '--check', '.'] },
    {
      name: 'unit tests',
      cmd: 'npx',
      args: [
        'vitest',
        'run',
        '--allowOnly=false',
        '--reporter=default',
        '--reporter=json',
        `--outputFile.json=${files.vitestJson}`,
        '--reporter=./scripts/test-run/vitest-outcome-reporter.ts',
      ],
      tests: 'unit',
    },
    { ...playwright, tests: 'e2e' },
  ]
}

const stages: Stage[] = process.env['CAIRN_TEST_STAGES']
  ? (JSON.parse(process.env['CAIRN_TEST_STAGES']) as Stage[])
  : defaultStages()

const results: StageResult[] = []
for (const stage of stages) {
  console.log(`\n=== ${stage.name} ===`)
  const run = spawnSync(stage.cmd, stage.args, { stdio: 'inherit', env: process.env })
  const ok = run.status === 0
  const exit = run.status ?? run.signal ?? String(run.error)
  if (!ok) console.log(`=== ${stage.name}: FAILED (exit ${exit}) ===`)
  results.push({ name: stage.name, ok, exit, ...(stage.tests ? { tests: stage.tests } : {}) })
}

const summary = summarise(results, files, { ...floors, source: floorsFile }, root)
for (const line of summary.lines) console.log(line)
process.exit(summary.ok ? 0 : 1)
