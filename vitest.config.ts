import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    environment: 'node',
    // Argon2id at real parameters and 4K images take a while on two cores.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
})
