// Tiny stages for test/scripts/run-tests.test.ts: each file below is one way a run can go wrong.
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  // Vite's cache outside the repository.
  cacheDir: join(tmpdir(), 'cairn-run-tests-fixture-vite'),
  test: { root: import.meta.dirname, include: ['*.fixture.ts'], pool: 'forks' },
})
