// The built desktop app (`npm run build` output in out/) for the tests that check the bundles as
// they ship. `./dev test` builds before it tests; without out/ these tests fail and say so.
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { BootStep } from './boot-steps.ts'
import type { PackagingConfig } from './bundle-packaging.ts'

export const ROOT = join(import.meta.dirname, '../../..')
export const OUT = join(ROOT, 'out')

/** Throws, with what to do, when the build output is missing. */
export function requireBuild(out = OUT): void {
  for (const file of ['main/index.js', 'preload/index.cjs', 'renderer/index.html']) {
    if (!existsSync(join(out, file))) {
      throw new Error(
        `${join(out, file)} is missing: run \`npm run build\` first (\`./dev test\` builds before testing)`,
      )
    }
  }
}

/**
 * Runs `out`/main/index.js in a fresh Node process with the recording stand-in resolved in place
 * of `electron`, and returns the steps boot-built-main.ts observed, in order.
 */
export function bootBuiltMain(
  out = OUT,
  lastStep?: string,
  env: Record<string, string> = {},
): { steps: BootStep[]; stderr: string; status: number | null } {
  const work = mkdtempSync(join(tmpdir(), 'cairn-built-main-'))
  try {
    const report = join(work, 'report.json')
    const run = spawnSync(
      process.execPath,
      [
        '--disable-warning=ExperimentalWarning',
        '--import',
        join(import.meta.dirname, 'register-electron-stand-in.ts'),
        join(import.meta.dirname, 'boot-built-main.ts'),
        out,
        ROOT,
        join(work, 'profile'),
        report,
        ...(lastStep ? [lastStep] : []),
      ],
      {
        encoding: 'utf8',
        timeout: 60_000,
        env: { ...process.env, CAIRN_ARGON2_FLOOR: '1', ...env },
      },
    )
    const steps = existsSync(report) ? (JSON.parse(readFileSync(report, 'utf8')) as BootStep[]) : []
    return { steps, stderr: run.stderr, status: run.status }
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

/**
 * A copy of the build to break: out/ and package.json (the bundle is an ES module because of its
 * "type"), with node_modules and resources linked so it resolves them as in the project.
 */
export function copyOfBuild(): { root: string; out: string; cleanup: () => void } {
  requireBuild()
  const dir = mkdtempSync(join(tmpdir(), 'cairn-broken-build-'))
  cpSync(OUT, join(dir, 'out'), { recursive: true })
  cpSync(join(ROOT, 'package.json'), join(dir, 'package.json'))
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir')
  symlinkSync(join(ROOT, 'resources'), join(dir, 'resources'), 'dir')
  return {
    root: dir,
    out: join(dir, 'out'),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  }
}

/** The value a step observed; throws with the step's error (or its absence) otherwise. */
export function stepValue<T>(steps: BootStep[], name: string): T {
  const found = steps.find((s) => s.step === name)
  if (!found) {
    const last = steps.at(-1)
    throw new Error(
      `step "${name}" never ran; the last step was ${last ? `"${last.step}"${last.ok ? '' : `, which failed: ${last.error}`}` : 'none (the process died first)'}`,
    )
  }
  if (!found.ok) throw new Error(`step "${name}" failed: ${found.error}`)
  return found.value as T
}

/** electron-builder.config.js, the release packaging configuration. */
export async function builderConfig(): Promise<PackagingConfig> {
  const config = join(ROOT, 'electron-builder.config.js')
  return ((await import(pathToFileURL(config).href)) as { default: PackagingConfig }).default
}
