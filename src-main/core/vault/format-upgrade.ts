// Upgrading a version-1 vault to version 2 when it is unlocked. At every moment the vault's path
// holds either the old file or the complete new one, never a mix:
//   1. checkpoint the old file (its -wal emptied into it; its contents unchanged),
//   2. copy it, complete, to VAULT.format1 (kept until the new vault has been unlocked once more),
//   3. build the new file under a temporary name and flush it,
//   4. rename it over the vault's path (atomic).
// A kill before step 4 leaves the old file in place (the next unlock upgrades again); after it,
// the new one. The kept copy is deleted on the first later unlock of the upgraded vault, unless the
// old file had rows that could not be carried over: then it stays, and the notice says so.
import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  openSync,
  readdirSync,
  rmSync,
} from 'node:fs'
import { basename, dirname, join } from 'node:path'
import Database from 'better-sqlite3'
import { CairnError } from '../errors.ts'
import { publishReplacing, tempPathFor } from '../fs/atomic-file.ts'
import { SLOT_COLUMNS, isKnownSlotKind, slotIntact, type SlotRow } from './key-slots.ts'
import { checkpointTruncate, guardSqlite, openReadWrite, type Db } from './sqlite-file.ts'
import { buildVaultFile } from './vault-file.ts'
import {
  FORMAT_VERSION,
  FORMAT_VERSION_1,
  FORMAT_VERSION_2,
  SEARCH_INDEX_SCHEMA,
} from './vault-format.ts'
import { readStateWithKey } from './vault-state-reader.ts'

export type UpgradeStep = 'checkpointed' | 'kept' | 'built' | 'replaced'

/** Where the version-1 original is kept beside the upgraded vault. */
export function keptOriginalPath(path: string): string {
  return `${path}.format1`
}

/** The same, when some of its rows could not be carried over (never deleted automatically). */
export function keptDamagedOriginalPath(path: string): string {
  return `${path}.format1-damaged`
}

function copyComplete(from: string, to: string): void {
  const tmp = tempPathFor(to, 'copying')
  try {
    copyFileSync(from, tmp)
    const fd = openSync(tmp, 'r+')
    try {
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    publishReplacing(tmp, to)
  } finally {
    rmSync(tmp, { force: true })
  }
}

/** Temporary files an upgrade killed part-way left next to the vault (see tempPathFor). */
function removeLeftovers(path: string): void {
  const names = [
    basename(path),
    basename(keptOriginalPath(path)),
    basename(keptDamagedOriginalPath(path)),
  ]
  const leftover = new RegExp(
    `^\\.(${names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})\\.[0-9a-f]{12}\\.(upgrading|copying)(-wal|-shm)?$`,
  )
  for (const name of readdirSync(dirname(path))) {
    if (leftover.test(name)) rmSync(join(dirname(path), name), { force: true })
  }
}

/**
 * Rewrites the version-1 vault at `path` as version 2 with the same vault key, slots and rows.
 * `onStep` is told after each durable step (the crash tests kill the process there). Returns what
 * the person should be told.
 */
export function upgradeFormat1(
  path: string,
  vaultKey: Buffer,
  onStep?: (step: UpgradeStep) => void,
): string[] {
  removeLeftovers(path)
  const db = openReadWrite(path)
  let slots: SlotRow[]
  try {
    guardSqlite(path, () => checkpointTruncate(db))
    slots = guardSqlite(
      path,
      () =>
        db
          .prepare(`SELECT ${SLOT_COLUMNS} FROM key_slots ORDER BY created_at, id`)
          .all() as SlotRow[],
    )
  } finally {
    db.close()
  }
  onStep?.('checkpointed')
  const { header, state } = readStateWithKeyV1(path, vaultKey)
  const usable = slots.filter((r) => isKnownSlotKind(r.kind) && slotIntact(header.vaultUuid, r))
  const damaged = state.damaged.length + (slots.length - usable.length)
  const kept = damaged ? keptDamagedOriginalPath(path) : keptOriginalPath(path)
  copyComplete(path, kept)
  onStep?.('kept')
  const tmp = tempPathFor(path, 'upgrading')
  try {
    buildVaultFile(
      tmp,
      { header, slots: usable, items: state.items, tombstones: state.tombstones },
      vaultKey,
    )
    onStep?.('built')
    // The old file's log was emptied in step 1; a stale one must not sit beside the new file.
    for (const f of [`${path}-wal`, `${path}-shm`]) rmSync(f, { force: true })
    publishReplacing(tmp, path)
  } finally {
    for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) rmSync(f, { force: true })
  }
  onStep?.('replaced')
  removeLeftovers(path)
  const notices = [
    `The vault was upgraded from format 1 to format ${FORMAT_VERSION}; the original is kept as ${kept}${damaged ? '' : ' until the next unlock'}`,
  ]
  if (damaged) {
    notices.push(
      `${damaged} damaged row(s) or slot(s) of the format-1 file were not carried over (${state.damaged
        .map((d) => d.id)
        .slice(0, 5)
        .join(', ')}); the original stays at ${kept}`,
    )
  }
  return notices
}

function readStateWithKeyV1(path: string, vaultKey: Buffer) {
  const db = new Database(path, { readonly: true, fileMustExist: true })
  let vaultUuid: string
  try {
    const version = db.pragma('user_version', { simple: true }) as number
    if (version !== FORMAT_VERSION_1) {
      throw new CairnError(
        'CONFLICT',
        'The vault changed while it was being upgraded: open it again',
      )
    }
    vaultUuid = db.prepare('SELECT vault_id FROM vault_header').pluck().get() as string
  } finally {
    db.close()
  }
  return readStateWithKey(path, vaultUuid, vaultKey)
}

/**
 * Deletes the kept version-1 original once the upgraded vault at `path` has been unlocked again,
 * if it is one (same vault id, format 1). Returns what was done, for the notices.
 */
export function removeUpgradedOriginal(path: string, vaultUuid: string): string[] {
  const kept = keptOriginalPath(path)
  if (!existsSync(kept)) return []
  try {
    const db = new Database(kept, { readonly: true, fileMustExist: true })
    let same = false
    try {
      const version = db.pragma('user_version', { simple: true }) as number
      const id = db.prepare('SELECT vault_id FROM vault_header').pluck().get()
      same = version === FORMAT_VERSION_1 && id === vaultUuid
    } finally {
      db.close()
    }
    if (!same) return []
    for (const f of [kept, `${kept}-wal`, `${kept}-shm`]) rmSync(f, { force: true })
    return [
      `The format-1 original kept at ${kept} was deleted: the upgraded vault has been unlocked`,
    ]
  } catch {
    return []
  }
}

/**
 * Makes a format-2 file a format-3 one in place: the search index tables (empty) and the version.
 * Runs inside the caller's write transaction, which fills the index; SQLite commits the schema
 * change with it or not at all, so a kill leaves either file whole. False when the file is already
 * format 3.
 */
export function upgradeFormat2InPlace(db: Db): boolean {
  const version = db.pragma('user_version', { simple: true }) as number
  if (version !== FORMAT_VERSION_2) return false
  db.exec(SEARCH_INDEX_SCHEMA)
  db.pragma(`user_version = ${FORMAT_VERSION}`)
  db.prepare('UPDATE vault_header SET format_version = ?').run(FORMAT_VERSION)
  return true
}
