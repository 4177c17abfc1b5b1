// The two ids of a vault, which the type checker keeps apart:
// - SessionId names an open vault for this run of the app (`vaultId` in calls and events);
// - VaultUuid is the vault's permanent id, stored in the file and its backups (`vaultUuid`).
// Only main mints a SessionId (when it opens a file); a VaultUuid is read from a vault file.

declare const idBrand: unique symbol

export type SessionId = string & { readonly [idBrand]: 'SessionId' }
export type VaultUuid = string & { readonly [idBrand]: 'VaultUuid' }
