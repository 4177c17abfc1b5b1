// Reading a whole vault file with a row key already in hand, through a read-only connection that
// leaves the file byte-identical: the source side of a merge (with a credential's key, or with the
// open vault's own key when the other file is a copy of it). Rows are judged by the item store's
// audit, the one list() uses: one the copy's state disagrees with (rolled back, put back) is
// damaged, not an item.
import { CairnError } from '../errors.ts'
import type { AesKey } from '../crypto/aes-gcm.ts'
import { readAuditedState, type VaultState } from './item-store.ts'
import { SELECT_MANIFEST_SQL, openManifest, type ManifestRow } from './manifest.ts'
import { readVerifiedState } from './state-entries.ts'
import {
  checkCairnFile,
  guardSqlite,
  openReadOnly,
  probeSqliteHeader,
  removeIdleSidecars,
  sidecarsExist,
  type Db,
} from './sqlite-file.ts'
import type { VaultHeader } from './vault-api.ts'
import { FORMAT_VERSION, FORMAT_VERSION_1, FORMAT_VERSION_2 } from './vault-format.ts'
import { vaultSubkeys } from './vault-subkeys.ts'

/** The header row; its format_version must equal the file's user_version. */
export function readHeader(db: Db, path: string, version: number = FORMAT_VERSION): VaultHeader {
  const rows = db
    .prepare(
      'SELECT vault_id AS vaultUuid, name, format_version AS formatVersion, created_at AS createdAt FROM vault_header',
    )
    .all() as VaultHeader[]
  const h = rows[0]
  if (
    rows.length !== 1 ||
    !h ||
    h.formatVersion !== version ||
    (version !== FORMAT_VERSION && version !== FORMAT_VERSION_2 && version !== FORMAT_VERSION_1) ||
    !/^[0-9a-f-]{36}$/.test(h.vaultUuid)
  ) {
    throw new CairnError('DAMAGED_FILE', `${path} has a damaged vault header`)
  }
  return h
}

/** Version 1 seals every entry in one row; version 2 keeps a row per entry and a sealed head. */
function readManifest(db: Db, version: number, stateKey: AesKey, vaultUuid: string) {
  if (version === FORMAT_VERSION_1) {
    const row = db.prepare(SELECT_MANIFEST_SQL).get() as ManifestRow | undefined
    return row ? openManifest(stateKey, vaultUuid, row) : null
  }
  return readVerifiedState(db, stateKey, vaultUuid)?.manifest ?? null
}

/**
 * Header, items (with lineage), authentic tombstones and damaged rows of the file at `path`, a
 * version-2 vault or a version-1 one, read with its vault key.
 */
export function readStateWithKey(
  path: string,
  vaultUuid: string,
  vaultKey: Uint8Array,
): { header: VaultHeader; state: VaultState } {
  probeSqliteHeader(path)
  const hadSidecars = sidecarsExist(path)
  const db = openReadOnly(path)
  try {
    const version = checkCairnFile(db, path)
    const keys = vaultSubkeys(vaultKey, version)
    return guardSqlite(path, () => {
      const header = readHeader(db, path, version)
      if (header.vaultUuid !== vaultUuid) {
        throw new CairnError('CONFLICT', `${path} is not a copy of this vault`)
      }
      const manifest = readManifest(db, version, keys.state, vaultUuid)
      return { header, state: readAuditedState(db, keys.rows, vaultUuid, manifest) }
    })
  } finally {
    db.close()
    if (!hadSidecars) removeIdleSidecars(path)
  }
}
