// scripts/run-tests.ts run as CI runs it, on tiny real stages (test/scripts/run-tests-fixture):
// a committed `.only`, a file that cannot import, an unhandled rejection, a Python without
// argon2-cffi and a removed reference decryptor must each fail the run with a line that says why,
// and the last line must stay the one CI reads.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '../..')
const fixture = join(import.meta.dirname, 'run-tests-fixture')
const SUMMARY_LINE = /^tests: (\d+) passed, (\d+) failed, (\d+) skipped$/

let tmp: string
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'cairn-run-tests-'))
  // Debian's Python without its site packages: neither cryptography nor argon2-cffi is there.
  writeFileSync(join(tmp, 'python3'), '#!/bin/sh\nexec /usr/bin/python3 -S "$@"\n', {
    mode: 0o755,
  })
  writeFileSync(join(tmp, 'floors.json'), JSON.stringify({ unit: 5, e2e: 2 }))
})
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

function runTests(stages: unknown[], env: Record<string, string> = {}) {
  const reports = join(tmp, 'reports')
  const run = spawnSync(process.execPath, [join(root, 'scripts/run-tests.ts')], {
    cwd: root,
    encoding: 'utf8',
    env: {
      ...process.env,
      CI: 'true',
      CAIRN_REPORT_DIR: reports,
      CAIRN_TEST_FLOORS: join(tmp, 'floors.json'),
      CAIRN_TEST_STAGES: JSON.stringify(stages),
      CAIRN_PYTHON: join(tmp, 'python3'),
      ...env,
    },
  })
  const lines = run.stdout.trimEnd().split('\n')
  return { status: run.status, lines, summary: lines.slice(lines.indexOf('=== summary ===')) }
}

const unitStage = (reports: string) => ({
  name: 'unit tests',
  cmd: 'npx',
  args: [
    'vitest',
    'run',
    '--config',
    join(fixture, 'unit/vitest.config.ts'),
    '--reporter=json',
    `--outputFile.json=${join(reports, 'vitest.json')}`,
    `--reporter=${join(root, 'scripts/test-run/vitest-outcome-reporter.ts')}`,
  ],
  tests: 'unit',
})
const e2eStage = {
  name: 'end-to-end tests',
  cmd: 'npx',
  args: ['playwright', 'test', '--config', join(fixture, 'e2e/playwright.config.ts')],
  tests: 'e2e',
}

describe('./dev test under CI, on stages that went wrong', () => {
  let result: ReturnType<typeof runTests>
  beforeAll(() => {
    result = runTests([unitStage(join(tmp, 'reports')), e2eStage])
  })

  it('fails, and keeps the line CI reads last with every problem counted', () => {
    expect(result.status).toBe(1)
    const last = result.lines.at(-1) ?? ''
    expect(last).toMatch(SUMMARY_LINE)
    const [, , failed] = SUMMARY_LINE.exec(last) ?? []
    // .only, the import, the rejection, two reference checks, the Playwright .only, both floors.
    expect(Number(failed)).toBeGreaterThanOrEqual(8)
    expect(result.summary).toContain('failed stages: unit tests, end-to-end tests')
  })

  it('says a committed .only was refused, in both runners', () => {
    const text = result.summary.join('\n')
    expect(text).toMatch(
      /committed-only\.fixture\.ts > .*: Error: \[Vitest\] Unexpected \.only modifier/,
    )
    expect(text).toMatch(/e2e: Error: item focused with '\.only' is not allowed/)
    expect(text).toMatch(/e2e: 0 tests ran, fewer than the floor of 2 in \S*floors\.json/)
  })

  it('says which file could not import, and the unhandled rejection', () => {
    const text = result.summary.join('\n')
    expect(text).toMatch(
      /unit: \S*cannot-import\.fixture\.ts failed outside its tests: .*module-that-was-deleted/,
    )
    expect(text).toMatch(/unit: unhandled error: .*a rejection nobody handled/)
  })

  it('says which Python package is missing and which reference decryptor is gone', () => {
    const text = result.summary.join('\n')
    expect(text).toMatch(
      /reference-decryptor\.fixture\.ts > a Python without argon2-cffi would decrypt a vault: .*cannot import .* \(Debian package python3-/,
    )
    expect(text).toMatch(
      /a removed reference decryptor would decrypt a backup: .*docs\/reference\/cairn_removed_decrypt\.py is missing/,
    )
  })

  it('lists every skip with its reason', () => {
    expect(result.summary).toContain('skipped, by reason:')
    expect(result.summary).toContain('  1 × no display on this machine')
  })
})

describe('a runner that dies before writing its report', () => {
  it('is a failure, not the previous run\u2019s numbers', () => {
    const reports = join(tmp, 'reports')
    // What an earlier, green run left behind.
    const stale = { numPassedTests: 999, numFailedTests: 0, numPendingTests: 0, numTodoTests: 0 }
    writeFileSync(join(tmp, 'stale.json'), JSON.stringify({ ...stale, testResults: [] }))
    spawnSync('cp', [join(tmp, 'stale.json'), join(reports, 'vitest.json')])
    const died = { name: 'unit tests', cmd: 'node', args: ['-e', 'process.exit(3)'], tests: 'unit' }
    const { status, lines, summary } = runTests([died])
    expect(status).toBe(1)
    expect(summary.join('\n')).toMatch(/unit: Vitest wrote no report .*: it stopped early/)
    expect(lines.at(-1)).toMatch(/^tests: 0 passed, [1-9]\d* failed, 0 skipped$/)
  })
})
