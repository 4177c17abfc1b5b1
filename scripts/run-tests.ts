// Runs every check the README promises, in order, and ends with one plain summary line.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'

interface Counts {
  passed: number
  failed: number
  skipped: number
  /** Passed only when retried (Playwright in CI). */
  flaky?: number
}

// Outside test-results/, which Playwright empties when it starts.
const reportDir = '.cache/reports'
mkdirSync(reportDir, { recursive: true })

function run(label: string, cmd: string, args: string[]): boolean {
  console.log(`\n=== ${label} ===`)
  const result = spawnSync(cmd, args, { stdio: 'inherit', env: process.env })
  const ok = result.status === 0
  if (!ok) console.log(`=== ${label}: FAILED (exit ${result.status ?? result.signal}) ===`)
  return ok
}

function vitestCounts(file: string): Counts {
  if (!existsSync(file)) return { passed: 0, failed: 0, skipped: 0 }
  const r = JSON.parse(readFileSync(file, 'utf8')) as {
    numPassedTests: number
    numFailedTests: number
    numPendingTests: number
    numTodoTests: number
  }
  return {
    passed: r.numPassedTests,
    failed: r.numFailedTests,
    skipped: r.numPendingTests + r.numTodoTests,
  }
}

function playwrightCounts(file: string): Counts {
  if (!existsSync(file)) return { passed: 0, failed: 0, skipped: 0 }
  const r = JSON.parse(readFileSync(file, 'utf8')) as {
    stats: { expected: number; unexpected: number; flaky: number; skipped: number }
  }
  return {
    passed: r.stats.expected + r.stats.flaky,
    flaky: r.stats.flaky,
    failed: r.stats.unexpected,
    skipped: r.stats.skipped,
  }
}

const checks: [string, boolean][] = []
checks.push(['type-check', run('type-check', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit'])])
checks.push(['lint', run('lint', 'npx', ['eslint', '--max-warnings=0', '.'])])
checks.push(['format', run('format', 'npx', ['prettier', '--check', '.'])])

const unitReport = `${reportDir}/vitest.json`
checks.push([
  'unit tests',
  run('unit tests (vitest)', 'npx', [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${unitReport}`,
  ]),
])

const e2eReport = `${reportDir}/playwright.json`
checks.push([
  'end-to-end tests',
  run('end-to-end tests (playwright)', 'npx', ['playwright', 'test']),
])

const unit = vitestCounts(unitReport)
const e2e = playwrightCounts(e2eReport)
const total: Counts = {
  passed: unit.passed + e2e.passed,
  failed: unit.failed + e2e.failed,
  skipped: unit.skipped + e2e.skipped,
}

console.log('\n=== summary ===')
for (const [name, ok] of checks) console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}`)
console.log(`unit: ${unit.passed} passed, ${unit.failed} failed, ${unit.skipped} skipped`)
console.log(
  `e2e: ${e2e.passed} passed (${e2e.flaky ?? 0} only on retry), ${e2e.failed} failed, ${e2e.skipped} skipped`,
)
const checkFailures = checks.filter(([, ok]) => !ok).length
console.log(
  `tests: ${total.passed} passed, ${total.failed + checkFailures} failed, ${total.skipped} skipped`,
)
process.exit(checkFailures === 0 && total.failed === 0 ? 0 : 1)
