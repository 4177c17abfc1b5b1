// Turns the stages' exit codes and the runners' report files into the closing summary of
// `./dev test`. Every way a run can check less than it seems to is a counted failure with a line
// that says why: a test file that did not load, an unhandled error, a runner that wrote no report,
// a stage that ran fewer tests than its floor (a stray `.only`, a file that stopped collecting).
// The last line stays `tests: N passed, N failed, N skipped`: CI reads it.
import { existsSync, readFileSync } from 'node:fs'
import { stripVTControlCharacters } from 'node:util'
import type { VitestOutcome } from './vitest-outcome-reporter.ts'

export interface StageResult {
  name: string
  ok: boolean
  /** Exit code or signal, for the failure line. */
  exit: number | string | null
  /** A test stage: its failures are counted from its report, not once more as a stage. */
  tests?: 'unit' | 'e2e'
}

export interface ReportFiles {
  vitestJson: string
  vitestOutcome: string
  playwrightJson: string
}

/** Fewest tests each stage must run (pass or fail), kept in test/test-floors.json. */
export interface Floors {
  unit: number
  e2e: number
  /** Where they are kept, for the failure line. */
  source?: string
}

interface StageCounts {
  passed: number
  failed: number
  skipped: number
  flaky: number
  /** Tests that ran (passed or failed), for the floor. */
  ran: number
  /** Why the counts are not the whole story, one line each. */
  problems: string[]
  failures: string[]
  skips: { name: string; reason: string | null }[]
}

const empty = (): StageCounts => ({
  passed: 0,
  failed: 0,
  skipped: 0,
  flaky: 0,
  ran: 0,
  problems: [],
  failures: [],
  skips: [],
})

const firstLine = (text: string) => stripVTControlCharacters(text).trim().split('\n')[0] ?? ''

function readJson<T>(file: string): T | null {
  if (!existsSync(file)) return null
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T
  } catch {
    return null
  }
}

interface VitestJson {
  numPassedTests: number
  numFailedTests: number
  numPendingTests: number
  numTodoTests: number
  testResults: {
    name: string
    status: string
    message: string
    assertionResults: { status: string; fullName: string; failureMessages: string[] }[]
  }[]
}

export function vitestCounts(files: ReportFiles, root: string): StageCounts {
  const counts = empty()
  const report = readJson<VitestJson>(files.vitestJson)
  if (!report) {
    counts.problems.push(`unit: Vitest wrote no report (${files.vitestJson}): it stopped early`)
    return counts
  }
  counts.passed = report.numPassedTests
  counts.failed = report.numFailedTests
  counts.skipped = report.numPendingTests + report.numTodoTests
  counts.ran = counts.passed + counts.failed
  for (const file of report.testResults) {
    const name = file.name.startsWith(root) ? file.name.slice(root.length + 1) : file.name
    for (const test of file.assertionResults) {
      if (test.status === 'failed') {
        counts.failures.push(
          `${name} > ${test.fullName}: ${firstLine(test.failureMessages[0] ?? '')}`,
        )
      }
    }
    // A file that failed outside its tests: it did not import, a hook threw, its worker died.
    const testFailed = file.assertionResults.some((t) => t.status === 'failed')
    if (file.status === 'failed' && (file.message || !testFailed)) {
      counts.failed++
      const why = file.message ? firstLine(file.message) : 'it did not finish'
      counts.problems.push(`unit: ${name} failed outside its tests: ${why}`)
    }
  }
  const outcome = readJson<VitestOutcome>(files.vitestOutcome)
  if (!outcome) {
    counts.problems.push(`unit: no outcome report (${files.vitestOutcome}): it stopped early`)
    counts.failed++
    return counts
  }
  for (const error of outcome.unhandledErrors) {
    counts.failed++
    counts.problems.push(`unit: unhandled error: ${firstLine(error)}`)
  }
  counts.skips = outcome.skipped
  return counts
}

interface PlaywrightSuite {
  title: string
  file?: string
  suites?: PlaywrightSuite[]
  specs?: {
    title: string
    file: string
    tests: {
      status: string
      annotations?: { type: string; description?: string }[]
      results?: { status: string; error?: { message?: string } }[]
    }[]
  }[]
}

interface PlaywrightJson {
  stats: { expected: number; unexpected: number; flaky: number; skipped: number }
  errors?: { message?: string }[]
  suites?: PlaywrightSuite[]
}

export function playwrightCounts(files: ReportFiles): StageCounts {
  const counts = empty()
  const report = readJson<PlaywrightJson>(files.playwrightJson)
  if (!report) {
    counts.problems.push(
      `e2e: Playwright wrote no report (${files.playwrightJson}): it stopped early`,
    )
    return counts
  }
  counts.passed = report.stats.expected + report.stats.flaky
  counts.flaky = report.stats.flaky
  counts.failed = report.stats.unexpected
  counts.skipped = report.stats.skipped
  counts.ran = counts.passed + counts.failed
  // Errors outside any test: a config refusing `.only`, a file that did not load, a global hook.
  for (const error of report.errors ?? []) {
    counts.failed++
    counts.problems.push(`e2e: ${firstLine(error.message ?? 'error outside the tests')}`)
  }
  const walk = (suite: PlaywrightSuite) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests) {
        const name = `${spec.file} > ${spec.title}`
        if (test.status === 'skipped') {
          const skip = test.annotations?.find((a) => a.type === 'skip')
          counts.skips.push({ name, reason: skip?.description || null })
        } else if (test.status === 'unexpected') {
          const last = test.results?.at(-1)
          counts.failures.push(`${name}: ${firstLine(last?.error?.message ?? last?.status ?? '')}`)
        } else if (test.status === 'flaky') {
          counts.failures.push(`${name}: passed only on retry`)
        }
      }
    }
    for (const inner of suite.suites ?? []) walk(inner)
  }
  for (const suite of report.suites ?? []) walk(suite)
  return counts
}

export interface Summary {
  lines: string[]
  ok: boolean
}

export function summarise(
  stages: StageResult[],
  files: ReportFiles,
  floors: Floors,
  root: string,
): Summary {
  const byStage = {
    unit: stages.some((s) => s.tests === 'unit') ? vitestCounts(files, root) : null,
    e2e: stages.some((s) => s.tests === 'e2e') ? playwrightCounts(files) : null,
  }
  const lines: string[] = ['', '=== summary ===']
  for (const s of stages) lines.push(`${s.ok ? 'ok  ' : 'FAIL'} ${s.name}`)

  let passed = 0
  let failed = 0
  let skipped = 0
  let flaky = 0
  const problems: string[] = []
  const failures: string[] = []
  const skips: { name: string; reason: string | null }[] = []
  for (const key of ['unit', 'e2e'] as const) {
    const c = byStage[key]
    if (!c) continue
    const ran = c.ran
    if (ran < floors[key]) {
      c.failed++
      c.problems.push(
        `${key}: ${ran} tests ran, fewer than the floor of ${floors[key]} in ${floors.source ?? 'test/test-floors.json'} ` +
          '(a stray .only, or tests that stopped being collected?)',
      )
    }
    lines.push(
      `${key}: ${c.passed} passed (${c.flaky} only on retry), ${c.failed} failed, ${c.skipped} skipped`,
    )
    passed += c.passed
    failed += c.failed
    skipped += c.skipped
    flaky += c.flaky
    problems.push(...c.problems)
    failures.push(...c.failures)
    skips.push(...c.skips)
  }
  // A stage that failed without a counted test failure (type errors, lint, a runner that crashed
  // with nothing in its report) counts once; one whose failures are counted does not count again.
  for (const s of stages) {
    if (s.ok) continue
    const counts = s.tests ? byStage[s.tests] : null
    if (counts && counts.failed > 0) continue
    failed++
    if (s.tests) problems.push(`${s.name}: exited ${s.exit} with no failing test in its report`)
  }

  if (skips.length > 0) {
    lines.push('skipped, by reason:')
    const byReason = new Map<string, string[]>()
    for (const s of skips) {
      const reason = s.reason ?? `no reason given: ${s.name}`
      byReason.set(reason, [...(byReason.get(reason) ?? []), s.name])
    }
    for (const [reason, names] of byReason) lines.push(`  ${names.length} × ${reason}`)
  }
  if (failures.length > 0) {
    lines.push('failed tests:')
    const shown = failures.slice(0, 30)
    for (const f of shown) lines.push(`  ${f}`)
    if (failures.length > shown.length) lines.push(`  … and ${failures.length - shown.length} more`)
  }
  if (problems.length > 0) {
    lines.push('problems:')
    for (const p of problems) lines.push(`  ${p}`)
  }
  const failedStages = stages.filter((s) => !s.ok).map((s) => s.name)
  lines.push(`failed stages: ${failedStages.length > 0 ? failedStages.join(', ') : 'none'}`)
  lines.push(`flaky: ${flaky} passed only on retry`)
  lines.push(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`)
  return { lines, ok: failed === 0 && failedStages.length === 0 }
}
