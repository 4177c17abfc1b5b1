// A tiny Playwright stage for test/scripts/run-tests.test.ts, with the project's forbidOnly rule.
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { defineConfig } from '@playwright/test'
import projectConfig from '../../../../playwright.config.ts'

export default defineConfig({
  testDir: import.meta.dirname,
  testMatch: '*.fixture.ts',
  outputDir: join(tmpdir(), 'cairn-run-tests-fixture-results'),
  forbidOnly: projectConfig.forbidOnly,
  reporter: [['json', { outputFile: process.env['CAIRN_PLAYWRIGHT_JSON'] }]],
})
