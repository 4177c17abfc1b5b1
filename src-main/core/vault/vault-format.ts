// Fixed facts of the vault file. docs/vault-format.md is the prose form of this file. Version 3
// is what Cairn writes; version 2 is read and written, and becomes version 3 at its first write;
// version 1 is only read, to upgrade it.

/** PRAGMA application_id: the ASCII bytes "CARN" read as a big-endian 32-bit integer. */
export const CAIRN_APPLICATION_ID = 0x4341524e
/** PRAGMA user_version and vault_header.format_version of every file Cairn writes. */
export const FORMAT_VERSION = 3
/** The format before the search index: opened as it is, upgraded in place by its first write. */
export const FORMAT_VERSION_2 = 2
/** The older format Cairn still reads, in order to upgrade it. */
export const FORMAT_VERSION_1 = 1

export const VAULT_KEY_BYTES = 32

export const SCHEMA_V1 = `
CREATE TABLE vault_header (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  vault_id TEXT NOT NULL,
  name TEXT NOT NULL,
  format_version INTEGER NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;
CREATE TABLE key_slots (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  label TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_used_at INTEGER,
  kdf TEXT NOT NULL,
  kdf_params TEXT NOT NULL,
  salt BLOB NOT NULL,
  key_check BLOB NOT NULL,
  nonce BLOB NOT NULL,
  wrapped_key BLOB NOT NULL,
  digest BLOB NOT NULL
) STRICT;
CREATE TABLE items (
  id TEXT PRIMARY KEY,
  revision INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  deleted_at INTEGER,
  nonce BLOB NOT NULL,
  ciphertext BLOB NOT NULL
) STRICT;
CREATE TABLE tombstones (
  id TEXT PRIMARY KEY,
  revision INTEGER NOT NULL,
  purged_at INTEGER NOT NULL,
  nonce BLOB NOT NULL,
  tag BLOB NOT NULL
) STRICT;
CREATE TABLE manifest (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  nonce BLOB NOT NULL,
  ciphertext BLOB NOT NULL
) STRICT;
`

/**
 * Version 2 adds the sealed slot set: the live slots and the spent or revoked ones, so a slot row
 * edited, planted or put back in the file is never used. Its manifest table holds the sealed state
 * head, and state_entries one row per item row or tombstone (see state-entries.ts).
 */
export const SCHEMA_V2 = `${SCHEMA_V1}
CREATE TABLE state_entries (
  id TEXT PRIMARY KEY,
  kind INTEGER NOT NULL,
  revision INTEGER NOT NULL
) STRICT;
CREATE TABLE slot_state (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  nonce BLOB NOT NULL,
  ciphertext BLOB NOT NULL
) STRICT;
`

/**
 * Version 3 adds the encrypted search index (see search-index.ts): a sealed head bound to the
 * vault state, and the index entries in buckets.
 */
export const SEARCH_INDEX_SCHEMA = `
CREATE TABLE search_head (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  nonce BLOB NOT NULL,
  ciphertext BLOB NOT NULL
) STRICT;
CREATE TABLE search_buckets (
  bucket INTEGER PRIMARY KEY,
  nonce BLOB NOT NULL,
  ciphertext BLOB NOT NULL
) STRICT;
`

export const SCHEMA_V3 = `${SCHEMA_V2}${SEARCH_INDEX_SCHEMA}`

/** Every object sqlite_schema may hold in a version-1 vault (TEXT primary keys get autoindexes). */
export const SCHEMA_V1_OBJECTS: ReadonlySet<string> = new Set([
  'table:vault_header',
  'table:key_slots',
  'table:items',
  'table:tombstones',
  'table:manifest',
  'index:sqlite_autoindex_key_slots_1',
  'index:sqlite_autoindex_items_1',
  'index:sqlite_autoindex_tombstones_1',
])

export const SCHEMA_V2_OBJECTS: ReadonlySet<string> = new Set([
  ...SCHEMA_V1_OBJECTS,
  'table:state_entries',
  'index:sqlite_autoindex_state_entries_1',
  'table:slot_state',
])

export const SCHEMA_V3_OBJECTS: ReadonlySet<string> = new Set([
  ...SCHEMA_V2_OBJECTS,
  'table:search_head',
  'table:search_buckets',
])

export function schemaObjects(version: number): ReadonlySet<string> {
  if (version === FORMAT_VERSION_1) return SCHEMA_V1_OBJECTS
  return version === FORMAT_VERSION_2 ? SCHEMA_V2_OBJECTS : SCHEMA_V3_OBJECTS
}

/** The CREATE statements of a version's tables. */
export function schemaSql(version: number): string {
  if (version === FORMAT_VERSION_1) return SCHEMA_V1
  return version === FORMAT_VERSION_2 ? SCHEMA_V2 : SCHEMA_V3
}
