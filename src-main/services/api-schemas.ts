// Validators for the arguments of every call in the contract. The type `ArgSchemas` ties each one
// to the channel's declared argument tuple, so the two cannot drift apart.
import type { ApiArea, ApiSpec, ArgsOf } from '../../src-shared/ipc-contract.ts'
import type { SessionId, VaultUuid } from '../../src-shared/ids.ts'
import { settingsPatch } from './settings-store.ts'
import * as v from './validate.ts'

export type ArgSchemas = {
  [A in ApiArea]: { [M in keyof ApiSpec[A]]: v.Validator<ArgsOf<ApiSpec[A][M]>> }
}

const id = v.string({ min: 1, max: 200 })
/** Ids are checked for shape only: the service looking one up says when it names nothing. */
const vaultId = id as v.Validator<SessionId>
const vaultUuid = id as v.Validator<VaultUuid>
/** Exports of every app we read are far smaller; this bounds what crosses the bridge. */
const MAX_IMPORT_BYTES = 64 * 1024 * 1024
const path = v.string({ min: 1, max: 4096 })
const password = v.string({ max: 4096 })
const title = v.string({ max: 1000 })
const shortText = v.string({ max: 1000 })
const notes = v.string({ max: 100_000 })
const tags = v.array(v.string({ max: 200 }), { max: 100 })
/** Names are checked by the vault (group-path.ts); this bounds what crosses the bridge. */
const groupPath = v.array(v.string({ max: 200 }), { max: 32 })
const group = v.optional(groupPath)
const index = v.integer({ min: 0, max: 100_000 })
/** A password or passphrase being set: never empty. */
const newSecret = v.string({ min: 1, max: 4096 })
const unlockSecret = v.object({
  kind: v.oneOf('password', 'recovery-key', 'one-time-code'),
  value: password,
})

const otpKind = v.oneOf('totp', 'hotp')
const otpAlgorithm = v.oneOf('SHA1', 'SHA256', 'SHA512')
const otpEncoder = v.oneOf('standard', 'steam')

const keySource = v.variant('from', {
  uri: v.object({ from: v.oneOf('uri'), uri: v.string({ min: 1, max: 8192 }) }),
  secret: v.object({
    from: v.oneOf('secret'),
    secret: v.string({ min: 1, max: 1024 }),
    issuer: shortText,
    account: shortText,
    kind: otpKind,
    algorithm: otpAlgorithm,
    digits: v.integer({ min: 1, max: 10 }),
    period: v.integer({ min: 1, max: 86_400 }),
    counter: v.integer({ min: 0 }),
    encoder: otpEncoder,
  }),
})

const otpLink = v.nullable(v.object({ vaultUuid, itemId: id }))

const recoveryCode = v.object({ code: v.string({ max: 200 }), used: v.boolean })

const itemInput = v.variant('kind', {
  login: v.object({
    kind: v.oneOf('login'),
    title,
    username: shortText,
    password: v.optional(password),
    urls: v.array(v.string({ max: 4096 }), { max: 100 }),
    notes,
    tags,
    group,
    fields: v.array(
      v.object({
        name: shortText,
        secret: v.boolean,
        value: v.optional(notes),
        keepIndex: v.optional(index),
      }),
      { max: 200 },
    ),
    otpLink,
  }),
  otp: v.object({
    kind: v.oneOf('otp'),
    title,
    issuer: shortText,
    account: shortText,
    notes,
    tags,
    group,
    key: v.optional(keySource),
  }),
  'recovery-codes': v.object({
    kind: v.oneOf('recovery-codes'),
    title,
    issuer: shortText,
    notes,
    tags,
    group,
    codes: v.optional(v.array(recoveryCode, { max: 1000 })),
  }),
  note: v.object({ kind: v.oneOf('note'), title, tags, group, body: v.optional(notes) }),
})

const secretRef = v.variant('kind', {
  password: v.object({ kind: v.oneOf('password') }),
  field: v.object({ kind: v.oneOf('field'), index }),
  history: v.object({ kind: v.oneOf('history'), index }),
  'otp-secret': v.object({ kind: v.oneOf('otp-secret') }),
  'otp-uri': v.object({ kind: v.oneOf('otp-uri') }),
  'note-body': v.object({ kind: v.oneOf('note-body') }),
})

const copyRef = v.variant('kind', {
  password: v.object({ kind: v.oneOf('password') }),
  field: v.object({ kind: v.oneOf('field'), index }),
  history: v.object({ kind: v.oneOf('history'), index }),
  'otp-secret': v.object({ kind: v.oneOf('otp-secret') }),
  'otp-uri': v.object({ kind: v.oneOf('otp-uri') }),
  'note-body': v.object({ kind: v.oneOf('note-body') }),
  username: v.object({ kind: v.oneOf('username') }),
  url: v.object({ kind: v.oneOf('url'), index }),
  code: v.object({ kind: v.oneOf('code') }),
  'recovery-code': v.object({ kind: v.oneOf('recovery-code'), index }),
})

/** 64 MiB: a PNG of several 4K screens; the scanner applies its own pixel cap after this. */
export const MAX_IMAGE_BYTES = 64 * 1024 * 1024

export const argSchemas: ArgSchemas = {
  app: { info: v.args() },
  settings: { get: v.args(), update: v.args(settingsPatch), commandLine: v.args() },
  vaults: {
    list: v.args(),
    recent: v.args(),
    forgetRecent: v.args(path),
    suggestPath: v.args(v.string({ max: 200 })),
    create: v.args(
      v.object({
        path,
        name: v.string({ min: 1, max: 200 }),
        password: v.string({ min: 1, max: 4096 }),
      }),
    ),
    open: v.args(path),
    unlock: v.args(vaultId, password),
    unlockWith: v.args(vaultId, unlockSecret),
    lock: v.args(vaultId),
    lockAll: v.args(),
    close: v.args(vaultId),
  },
  dialogs: {
    chooseVaultToOpen: v.args(),
    chooseNewVaultPath: v.args(path),
    chooseFileToRead: v.args(),
    chooseSavePath: v.args(v.oneOf('backup', 'export'), path),
    chooseFolder: v.args(path),
  },
  items: {
    list: v.args(vaultId),
    search: v.args(
      v.string({ max: 1000 }),
      v.oneOf('all', 'favourites', 'login', 'otp', 'recovery-codes', 'note', 'trash'),
    ),
    detail: v.args(vaultId, id),
    reveal: v.args(vaultId, id, secretRef),
    recoveryCodes: v.args(vaultId, id),
    passwordHistory: v.args(vaultId, id),
    create: v.args(vaultId, itemInput),
    update: v.args(vaultId, id, v.integer({ min: 1 }), itemInput),
    trash: v.args(vaultId, id),
    restore: v.args(vaultId, id),
    setFavourite: v.args(vaultId, id, v.boolean),
    purge: v.args(vaultId, id),
    move: v.args(vaultId, v.array(id, { max: 100_000 }), groupPath),
  },
  groups: {
    tree: v.args(vaultId),
    create: v.args(vaultId, groupPath),
    rename: v.args(vaultId, groupPath, groupPath),
    remove: v.args(vaultId, groupPath),
  },
  health: {
    report: v.args(),
  },
  codes: {
    get: v.args(vaultId, v.array(id, { max: 10_000 })),
    hotpNext: v.args(vaultId, id),
  },
  otp: {
    preview: v.args(keySource),
    scanImage: v.args(v.bytes({ max: MAX_IMAGE_BYTES })),
  },
  generator: {
    password: v.args(
      v.object({
        length: v.integer({ min: 4, max: 256 }),
        lower: v.boolean,
        upper: v.boolean,
        digits: v.boolean,
        symbols: v.boolean,
        avoidAmbiguous: v.boolean,
      }),
    ),
    passphrase: v.args(
      v.object({
        words: v.integer({ min: 3, max: 20 }),
        separator: v.string({ max: 5 }),
        capitalize: v.boolean,
        includeNumber: v.boolean,
      }),
    ),
    strength: v.args(password),
  },
  vaultSettings: {
    info: v.args(vaultId),
    suggestPaths: v.args(vaultId),
    backup: v.args(
      vaultId,
      v.object({ path, passphrase: v.nullable(newSecret), currentPassword: v.nullable(password) }),
    ),
    inspectBackup: v.args(path),
    restore: v.args(
      v.object({
        backupPath: path,
        vaultPath: path,
        secret: v.nullable(unlockSecret),
        passphrase: v.nullable(password),
        newPassword: v.nullable(newSecret),
      }),
    ),
    merge: v.args(
      vaultId,
      v.object({
        otherPath: path,
        secret: v.nullable(unlockSecret),
        passphrase: v.nullable(password),
      }),
    ),
    setAutoBackup: v.args(
      vaultId,
      v.nullable(v.object({ folder: path, keep: v.integer({ min: 1, max: 100 }) })),
    ),
    backupNow: v.args(vaultId),
    createRecoveryKey: v.args(vaultId, v.string({ max: 200 }), password),
    createOneTimeCodes: v.args(vaultId, v.integer({ min: 1, max: 50 }), password),
    revokeCredential: v.args(vaultId, id),
    changePassword: v.args(vaultId, password, newSecret),
    rotateKey: v.args(vaultId, password, newSecret),
    acceptCurrent: v.args(vaultId, password),
    completeRecovery: v.args(vaultId, newSecret),
    exportAegis: v.args(
      vaultId,
      v.object({
        path,
        exportPassword: v.string({ min: 1, max: 4096 }),
        currentPassword: password,
      }),
    ),
    exportPlain: v.args(
      vaultId,
      v.object({
        format: v.oneOf('otpauth', 'csv'),
        path,
        acknowledgeUnencrypted: v.oneOf(true),
        currentPassword: password,
      }),
    ),
  },
  sync: {
    status: v.args(vaultId),
    link: v.args(vaultId, path),
    now: v.args(vaultId),
    forget: v.args(vaultId, v.string({ min: 16, max: 16 })),
    unlink: v.args(vaultId),
    join: v.args(v.object({ folder: path, vaultPath: path, password: newSecret })),
    adoptNewPassword: v.args(vaultId, newSecret),
  },
  imports: {
    preview: v.args(
      vaultId,
      v.object({
        fileName: v.string({ min: 1, max: 1000 }),
        bytes: v.bytes({ max: MAX_IMPORT_BYTES }),
        password: v.nullable(password),
        keyFile: v.nullable(v.bytes({ max: MAX_IMPORT_BYTES })),
        format: v.nullable(v.string({ min: 1, max: 64 })),
        keysVaultId: v.nullable(vaultId),
        path: v.nullable(v.string({ min: 1, max: 4096 })),
      }),
    ),
    apply: v.args(vaultId, id),
    deleteFile: v.args(vaultId),
  },
  clipboard: {
    copy: v.args(vaultId, id, copyRef),
    copyText: v.args(v.string({ min: 1, max: 10_000 })),
    clear: v.args(),
  },
  picker: {
    state: v.args(),
    unlock: v.args(vaultId, v.string({ min: 1, max: 4096 })),
    copy: v.args(vaultId, id),
    close: v.args(),
  },
  shell: {
    scanScreen: v.args(),
    scanClipboardImage: v.args(),
    scanImageFile: v.args(),
    hotkeyStatus: v.args(),
    lockAll: v.args(),
  },
}
