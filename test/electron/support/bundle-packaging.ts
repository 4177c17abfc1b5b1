// What electron-builder would pack, checked against what the built bundles load, without
// electron-builder or the Electron binary: its `files` patterns resolved against the built tree,
// production dependencies (electron-builder packs `dependencies`, never `devDependencies`), native
// addons and WebAssembly outside the asar (`asarUnpack`), and `extraResources`.
import { builtinModules } from 'node:module'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, matchesGlob, relative, sep } from 'node:path'

export interface PackagingConfig {
  files: string[]
  asarUnpack?: string[]
  extraResources?: { from: string; to: string }[]
}

const toPosix = (path: string) => path.split(sep).join('/')

/** electron-builder's rule: a file is packed when a pattern matches and no later `!` pattern. */
export function packedByFiles(path: string, patterns: string[]): boolean {
  let packed = false
  for (const pattern of patterns) {
    if (pattern.startsWith('!')) {
      if (matchesGlob(path, pattern.slice(1))) packed = false
    } else if (matchesGlob(path, pattern)) {
      packed = true
    }
  }
  return packed
}

const isBuiltin = (specifier: string) =>
  specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0] ?? '')

const packageName = (specifier: string) =>
  specifier.startsWith('@')
    ? specifier.split('/').slice(0, 2).join('/')
    : (specifier.split('/')[0] ?? specifier)

/** What a built script refers to: other files of the build, and packages. */
function references(file: string): { files: string[]; packages: string[]; sourceOnly: string[] } {
  const text = readFileSync(file, 'utf8')
  const here = dirname(file)
  const files: string[] = []
  const packages: string[] = []
  const sourceOnly: string[] = []
  const specifiers = [
    ...text.matchAll(/^\s*import\s[^;]*?from\s*"([^"]+)"/gm),
    ...text.matchAll(/^\s*import\s*"([^"]+)"/gm),
    ...text.matchAll(/\bimport\(\s*"([^"]+)"\s*\)/g),
    ...text.matchAll(/\brequire\(\s*"([^"]+)"\s*\)/g),
    ...text.matchAll(/\.resolve\(\s*"([^"./][^"]*)"\s*\)/g),
  ].map((m) => m[1] as string)
  for (const s of specifiers) {
    if (s.startsWith('.')) files.push(join(here, s))
    else if (!isBuiltin(s) && s !== 'electron') packages.push(packageName(s))
  }
  const relativeToModule = [
    ...text.matchAll(/new URL\(\s*"(\.[^"]+)"\s*,\s*import\.meta\.url\s*\)/g),
    ...text.matchAll(/join\(\s*import\.meta\.dirname\s*,\s*"([^"]+)"\s*\)/g),
  ].map((m) => m[1] as string)
  for (const target of relativeToModule) {
    // The core's default worker factories name their source file (for runs from source); the
    // desktop shell hands them the bundled chunk instead.
    if (target.endsWith('.ts')) sourceOnly.push(target)
    else files.push(join(here, target))
  }
  return { files, packages, sourceOnly }
}

function filesUnder(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path]
  return readdirSync(path, { recursive: true, encoding: 'utf8' })
    .map((f) => join(path, f))
    .filter((f) => statSync(f).isFile())
}

/** Production dependencies of the app, with what they depend on in turn, as installed. */
function productionPackages(root: string): Map<string, string> {
  const found = new Map<string, string>()
  const visit = (name: string, from: string) => {
    if (found.has(name)) return
    let dir = from
    for (;;) {
      const candidate = join(dir, 'node_modules', name)
      if (existsSync(join(candidate, 'package.json'))) {
        found.set(name, candidate)
        const pkg = JSON.parse(readFileSync(join(candidate, 'package.json'), 'utf8')) as {
          dependencies?: Record<string, string>
          optionalDependencies?: Record<string, string>
        }
        for (const dep of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies })) {
          visit(dep, candidate)
        }
        return
      }
      const parent = dirname(dir)
      // An optional dependency for another platform is simply not installed.
      if (parent === dir) return
      dir = parent
    }
  }
  const app = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>
  }
  for (const name of Object.keys(app.dependencies ?? {})) visit(name, root)
  return found
}

export interface PackagingReport {
  /** Everything the bundles load that the package would lack, one line each. */
  problems: string[]
  /** What was checked, relative to the app folder: to see that the check saw the bundles. */
  checked: { files: string[]; packages: string[]; unpacked: string[] }
}

/**
 * Checks the bundles in `out` against what electron-builder would pack. `root` holds
 * package.json, node_modules and resources (the app folder electron-builder packs).
 */
export function checkPackaging(
  root: string,
  out: string,
  config: PackagingConfig,
): PackagingReport {
  const problems: string[] = []
  const unpacked: string[] = []
  const packed = (file: string) => packedByFiles(toPosix(relative(root, file)), config.files)
  const production = productionPackages(root)

  const seen = new Set<string>()
  const queue = [join(out, 'main/index.js'), join(out, 'preload/index.cjs')]
  const packagesUsed = new Set<string>()
  while (queue.length > 0) {
    const file = queue.shift() as string
    if (seen.has(file)) continue
    seen.add(file)
    const name = toPosix(relative(root, file))
    if (!existsSync(file)) {
      problems.push(`${name} is loaded by the bundle but missing from the build`)
      continue
    }
    for (const f of filesUnder(file)) {
      if (!packed(f)) problems.push(`${toPosix(relative(root, f))} is not packed by \`files\``)
    }
    if (!/\.(c|m)?js$/.test(file)) continue
    const refs = references(file)
    for (const f of refs.files) queue.push(f)
    for (const p of refs.packages) packagesUsed.add(p)
  }

  // Pages: the assets each built HTML file names.
  const rendererDir = join(out, 'renderer')
  if (existsSync(rendererDir)) {
    for (const page of readdirSync(rendererDir).filter((f) => f.endsWith('.html'))) {
      const html = readFileSync(join(rendererDir, page), 'utf8')
      for (const m of html.matchAll(/(?:src|href)="(\/?[^":]+)"/g)) {
        const asset = join(rendererDir, (m[1] as string).replace(/^\//, ''))
        if (!existsSync(asset)) {
          problems.push(`${page} names ${m[1]}, which is missing from the build`)
        } else if (!packed(asset)) {
          problems.push(`${toPosix(relative(root, asset))} is not packed by \`files\``)
        }
      }
    }
  }

  for (const name of packagesUsed) {
    if (!production.has(name)) {
      problems.push(`the bundle imports ${name}, which is not a production dependency`)
    }
  }
  // Native addons and WebAssembly of production packages cannot be loaded from inside an asar.
  for (const [name, dir] of production) {
    for (const file of filesUnder(dir)) {
      if (!/\.(node|wasm)$/.test(file)) continue
      if (file.slice(dir.length).includes(`${sep}node_modules${sep}`)) continue
      const path = toPosix(relative(root, file))
      unpacked.push(path)
      if (!(config.asarUnpack ?? []).some((p) => matchesGlob(path, p))) {
        problems.push(`${path} (${name}) would be packed inside the asar, where it cannot load`)
      }
    }
  }

  // Files the main bundle opens by name: icons from the app folder, word lists from resources.
  const main = readFileSync(join(out, 'main/index.js'), 'utf8')
  for (const m of main.matchAll(/"([\w-]+\.png)"/g)) {
    const icon = join(root, 'resources/icons', m[1] as string)
    if (!existsSync(icon)) problems.push(`the icon resources/icons/${m[1]} is missing`)
    else if (!packed(icon)) problems.push(`resources/icons/${m[1]} is not packed by \`files\``)
  }
  for (const m of main.matchAll(/"([\w-]+\/[\w.-]+\.txt)"/g)) {
    const wanted = m[1] as string
    const source = (config.extraResources ?? []).find((r) => wanted.startsWith(`${r.to}/`))
    if (!source) problems.push(`${wanted} is not in \`extraResources\``)
    else if (!existsSync(join(root, source.from, wanted.slice(source.to.length + 1)))) {
      problems.push(`${wanted} is missing from ${source.from}`)
    }
  }
  const files = [...seen].flatMap((f) => (existsSync(f) ? filesUnder(f) : [f]))
  return {
    problems,
    checked: {
      files: files.map((f) => toPosix(relative(root, f))).sort(),
      packages: [...packagesUsed].sort(),
      unpacked,
    },
  }
}
