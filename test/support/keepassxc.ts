// Drives Debian's keepassxc-cli, the real KeePassXC, to make and open KDBX files in tests.
// KeePassXC's CLI writes KDBX 3.1 with AES-KDF; for KDBX 4 (Argon2d, Argon2id, ChaCha20) an empty
// database with those settings is made first and KeePassXC merges the entries into it, so the
// entries are still written by KeePassXC itself.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { kdbxweb } from '../../src-main/core/kdbx/kdbx-engine.ts'

export const KEEPASSXC_CLI = '/usr/bin/keepassxc-cli'

/** Null when keepassxc-cli is here; else the reason tests that need it print when skipping. */
export function keepassxcMissing(): string | null {
  return existsSync(KEEPASSXC_CLI)
    ? null
    : 'keepassxc-cli is not installed (apt-get install keepassxc; ./dev test installs it)'
}

/**
 * At the start of a test that needs KeePassXC: skips it, with the reason, when keepassxc-cli is
 * missing; under CI the check against the real tool must not quietly disappear, so it fails.
 */
export function needKeepassxc(ctx: { skip: (note: string) => void }): void {
  const missing = keepassxcMissing()
  if (missing === null) return
  if (process.env['CI']) throw new Error(`${missing} (a skipped KeePassXC check fails under CI)`)
  ctx.skip(missing)
}

export function keepassxc(args: string[], stdin: string): string {
  const run = spawnSync(KEEPASSXC_CLI, args, { input: stdin, encoding: 'utf8', timeout: 60_000 })
  if (run.status !== 0) {
    throw new Error(`keepassxc-cli ${args[0]} failed (${run.status}): ${run.stderr}`)
  }
  return run.stdout
}

export type KdbxSettings =
  { kdf: 'aes-kdbx3' } | { kdf: 'argon2d' | 'argon2id' | 'aes-kdbx4'; cipher: 'aes' | 'chacha20' }

/** An empty database with the given settings, written by kdbxweb, to merge KeePassXC's entries into. */
export async function emptyKdbx4(
  password: string,
  settings: Exclude<KdbxSettings, { kdf: 'aes-kdbx3' }>,
  keyFile?: Uint8Array,
): Promise<Uint8Array> {
  const credentials = new kdbxweb.KdbxCredentials(
    kdbxweb.ProtectedValue.fromString(password),
    keyFile ?? null,
  )
  await credentials.ready
  const db = kdbxweb.Kdbx.create(credentials, 'Merged')
  db.setVersion(4)
  const kdf = {
    argon2d: kdbxweb.Consts.KdfId.Argon2d,
    argon2id: kdbxweb.Consts.KdfId.Argon2id,
    'aes-kdbx4': kdbxweb.Consts.KdfId.Aes,
  }[settings.kdf]
  db.setKdf(kdf)
  if (settings.kdf !== 'aes-kdbx4') {
    db.header.kdfParameters?.set(
      'M',
      kdbxweb.VarDictionary.ValueType.UInt64,
      kdbxweb.Int64.from(8 * 1024 * 1024),
    )
    db.header.kdfParameters?.set('I', kdbxweb.VarDictionary.ValueType.UInt64, kdbxweb.Int64.from(2))
  }
  if (settings.cipher === 'chacha20') {
    db.header.dataCipherUuid = new kdbxweb.KdbxUuid(kdbxweb.Consts.CipherId.ChaCha20)
  }
  return new Uint8Array(await db.save())
}

export const FIXTURE_PASSWORD = 'fixture-pw'

/**
 * Writes KeePassXC-made databases from `xmlPath` into `dir`: KDBX 3.1 AES-KDF (password; and
 * password plus a key file KeePassXC creates) and KDBX 4 with each KDF and cipher.
 */
export async function makeKdbxFixtures(
  xmlPath: string,
  dir: string,
): Promise<Record<string, string>> {
  const { writeFileSync, rmSync } = await import('node:fs')
  const { join } = await import('node:path')
  const pw = `${FIXTURE_PASSWORD}\n`
  const out: Record<string, string> = {}
  const kdbx3 = join(dir, 'kdbx31-aeskdf.kdbx')
  rmSync(kdbx3, { force: true })
  keepassxc(['import', '-p', xmlPath, kdbx3], pw + pw)
  out['kdbx31-aeskdf'] = kdbx3

  const keyFile = join(dir, 'fixture.keyx')
  const withKey = join(dir, 'kdbx31-keyfile.kdbx')
  rmSync(keyFile, { force: true })
  rmSync(withKey, { force: true })
  keepassxc(['import', '-p', '--set-key-file', keyFile, xmlPath, withKey], pw + pw)
  out['kdbx31-keyfile'] = withKey
  out['keyfile'] = keyFile

  const keyOnly = join(dir, 'kdbx31-keyfile-only.kdbx')
  rmSync(keyOnly, { force: true })
  keepassxc(['import', '-q', '--set-key-file', keyFile, xmlPath, keyOnly], '')
  out['kdbx31-keyfile-only'] = keyOnly

  const variants: [string, Exclude<KdbxSettings, { kdf: 'aes-kdbx3' }>][] = [
    ['kdbx4-argon2d-aes', { kdf: 'argon2d', cipher: 'aes' }],
    ['kdbx4-argon2id-chacha20', { kdf: 'argon2id', cipher: 'chacha20' }],
    ['kdbx4-aeskdf-aes', { kdf: 'aes-kdbx4', cipher: 'aes' }],
  ]
  for (const [name, settings] of variants) {
    const path = join(dir, `${name}.kdbx`)
    writeFileSync(path, await emptyKdbx4(FIXTURE_PASSWORD, settings))
    keepassxc(['merge', '-q', '-s', path, kdbx3], pw)
    out[name] = path
  }
  return out
}
