// The checks of the built app fail on a broken build: a copy of out/ with the preload path
// changed in the main bundle, and one with a chunk removed.
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { bootBuiltMain, builderConfig, copyOfBuild, stepValue } from './support/built-app.ts'
import { checkPackaging } from './support/bundle-packaging.ts'

let cleanup = () => {}
afterEach(() => cleanup())

describe('a broken copy of the build', () => {
  it('with a wrong preload path: the window check finds no preload on disk', async () => {
    const copy = copyOfBuild()
    cleanup = copy.cleanup
    const main = join(copy.out, 'main/index.js')
    const bundle = readFileSync(main, 'utf8')
    expect(bundle).toContain('"../preload/index.cjs"')
    writeFileSync(main, bundle.replace('"../preload/index.cjs"', '"../preload/index.js"'))
    const { steps } = bootBuiltMain(copy.out, 'main window')
    const win = stepValue<{ webPreferences: { preload: string } }>(steps, 'main window')
    expect(win.webPreferences.preload).toBe(join(copy.out, 'preload/index.js'))
    expect(existsSync(win.webPreferences.preload)).toBe(false)
    expect(checkPackaging(copy.root, copy.out, await builderConfig()).problems).toEqual([
      'out/preload/index.js is loaded by the bundle but missing from the build',
    ])
  })

  it('with a missing chunk: the app never loads and the packaging check names the chunk', async () => {
    const copy = copyOfBuild()
    cleanup = copy.cleanup
    const chunks = readdirSync(join(copy.out, 'main/chunks'))
    const errors = chunks.find((c) => c.startsWith('errors-'))
    expect(errors).toBeDefined()
    rmSync(join(copy.out, 'main/chunks', errors as string))
    const { steps } = bootBuiltMain(copy.out)
    expect(() => stepValue(steps, 'load')).toThrow(/step "load" failed: .*Cannot find module/s)
    expect(() => stepValue(steps, 'ready')).toThrow(/never ran/)
    expect(checkPackaging(copy.root, copy.out, await builderConfig()).problems).toEqual([
      `out/main/chunks/${errors} is loaded by the bundle but missing from the build`,
    ])
  })
})
