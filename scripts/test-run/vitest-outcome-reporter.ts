// Writes what Vitest's JSON report leaves out: the unhandled errors (an unhandled rejection fails
// the run without failing any test) and the reason given for each skipped test.
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import type { Reporter, TestModule } from 'vitest/node'

export interface VitestOutcome {
  unhandledErrors: string[]
  skipped: { name: string; reason: string | null }[]
}

export default class VitestOutcomeReporter implements Reporter {
  readonly #file: string
  constructor() {
    this.#file = process.env['CAIRN_VITEST_OUTCOME'] ?? '.cache/reports/vitest-outcome.json'
  }

  onTestRunEnd(
    testModules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<{ message?: string; name?: string }>,
  ): void {
    const outcome: VitestOutcome = {
      unhandledErrors: unhandledErrors.map((e) => `${e.name ?? 'Error'}: ${e.message ?? ''}`),
      skipped: [],
    }
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const result = test.result()
        if (result.state !== 'skipped') continue
        outcome.skipped.push({
          name: `${module.relativeModuleId} > ${test.fullName}`,
          reason: result.note ?? null,
        })
      }
    }
    mkdirSync(dirname(this.#file), { recursive: true })
    writeFileSync(this.#file, JSON.stringify(outcome))
  }
}
