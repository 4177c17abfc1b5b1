// A tiny Playwright stage for test/scripts/run-tests.test.ts, with the project's forbidOnly rule.
import { defineConfig } from '@playwright/test'
import projectConfig from '../../../../playwright.config.ts'

export default defineConfig({
  testDir: import.meta.dirname,
  testMatch: '*.fixture.ts',
  forbidOnly: projectConfig.forbidOnly,
  reporter: [['json', { outputFile: process.env['CAIRN_FIXTURE_PLAYWRIGHT_JSON'] ?? 'x.json' }]],
})
