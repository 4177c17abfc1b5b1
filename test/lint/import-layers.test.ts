// The import rules of eslint.config.js fire: each layer of src-main is linted with a small file
// that imports what it must not, and once with an import it may use, through ESLint's Node API.
import { fileURLToPath } from 'node:url'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../..', import.meta.url))
const eslint = new ESLint({ cwd: root })
const configPath = new URL('../../eslint.config.js', import.meta.url).href
const { LAYERS } = (await import(configPath)) as { LAYERS: Record<string, string[]> }

async function restrictedImports(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath })
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports')
    .map((m) => m.message)
}

const cases: { layer: string; file: string; banned: string; specifier: string }[] = [
  {
    layer: 'core',
    file: 'src-main/core/otp/probe.ts',
    banned: 'services',
    specifier: '../../services/live-codes.ts',
  },
  { layer: 'core', file: 'src-main/core/probe.ts', banned: 'cli', specifier: '../cli/run-cli.ts' },
  {
    layer: 'core',
    file: 'src-main/core/vault/probe.ts',
    banned: 'electron',
    specifier: '../../electron/shell-main.ts',
  },
  {
    layer: 'services',
    file: 'src-main/services/probe.ts',
    banned: 'electron',
    specifier: '../electron/adapters/global-hotkey.ts',
  },
  {
    layer: 'services',
    file: 'src-main/services/probe.ts',
    banned: 'cli',
    specifier: '../cli/commands/code.ts',
  },
  {
    layer: 'cli',
    file: 'src-main/cli/commands/probe.ts',
    banned: 'electron',
    specifier: '../../electron/windows/app-menu.ts',
  },
]

describe('import layers inside src-main', () => {
  it('the table covers every banned direction tested here', () => {
    for (const c of cases) expect(LAYERS[c.layer]).toContain(c.banned)
  })

  it.each(cases)('$layer may not import $banned ($specifier)', async ({ file, specifier }) => {
    const messages = await restrictedImports(
      file,
      `import { x } from '${specifier}'\nexport const y = x\n`,
    )
    expect(messages).toHaveLength(1)
  })

  it.each(['core', 'services', 'cli'])('%s may not import Electron itself', async (layer) => {
    const messages = await restrictedImports(
      `src-main/${layer}/probe.ts`,
      `import { app } from 'electron'\nexport const y = app\n`,
    )
    expect(messages).toHaveLength(1)
  })

  it('allows the downward imports', async () => {
    expect(
      await restrictedImports(
        'src-main/services/probe.ts',
        `import { codeToCopy } from '../core/otp/code-to-copy.ts'\nexport const y = codeToCopy\n`,
      ),
    ).toEqual([])
    expect(
      await restrictedImports(
        'src-main/electron/probe.ts',
        `import { LiveCodes } from '../services/live-codes.ts'\nexport const y = LiveCodes\n`,
      ),
    ).toEqual([])
  })
})
