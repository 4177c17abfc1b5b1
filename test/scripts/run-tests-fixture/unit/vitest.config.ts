// Tiny stages for test/scripts/run-tests.test.ts: each file below is one way a run can go wrong.
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: { root: import.meta.dirname, include: ['*.fixture.ts'], pool: 'forks' },
})
