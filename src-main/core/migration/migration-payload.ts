// Google Authenticator's "Transfer accounts" QR codes: otpauth-migration://offline?data=<base64>,
// where data is a protobuf MigrationPayload:
//   MigrationPayload { repeated OtpParameters otp_parameters = 1; int32 version = 2;
//                      int32 batch_size = 3; int32 batch_index = 4; int32 batch_id = 5 }
//   OtpParameters { bytes secret = 1; string name = 2; string issuer = 3; Algorithm algorithm = 4;
//                   DigitCount digits = 5; OtpType type = 6; int64 counter = 7 }
// Enums are kept as numbers here; migration-accounts.ts maps them. Unknown fields are skipped
// (newer exports add some). Errors never quote the data: it holds secrets.
import { CairnError } from '../errors.ts'
import { ProtoReader, WIRE_LENGTH_DELIMITED, WIRE_VARINT } from './protobuf-reader.ts'

export interface MigrationAccount {
  /** The raw secret bytes (not base32). */
  secret: Uint8Array
  name: string
  issuer: string
  /** 0 unspecified, 1 SHA1, 2 SHA256, 3 SHA512, 4 MD5. */
  algorithm: number
  /** 0 unspecified, 1 six, 2 eight. */
  digits: number
  /** 0 unspecified, 1 HOTP, 2 TOTP. */
  type: number
  counter: bigint
}

export interface MigrationPayload {
  accounts: MigrationAccount[]
  version: number
  /** How many QR codes the export spans (0 or 1: just this one). */
  batchSize: number
  /** This code's place in the export, from 0. */
  batchIndex: number
  /** Shared by all codes of one export. */
  batchId: number
}

const SCHEME = 'otpauth-migration:'

/**
 * Google Authenticator puts about ten accounts in each QR code, so a hundred codes is a thousand
 * accounts. A larger count is damage or an attack: the count later sizes lists of part numbers.
 */
export const MAX_BATCH_SIZE = 100

function malformed(detail: string): never {
  throw new CairnError('MALFORMED_URI', `Damaged Google Authenticator export: ${detail}`)
}

export function isMigrationUri(text: string): boolean {
  return text.trim().slice(0, SCHEME.length).toLowerCase() === SCHEME
}

/** Parses the whole URI. Throws CairnError MALFORMED_URI. */
export function parseMigrationUri(uri: string): MigrationPayload {
  const match = /^otpauth-migration:\/\/([^/?#]*)\/?\?([^#]*)$/i.exec(uri.trim())
  if (!match) malformed('not an otpauth-migration://offline?data=… address')
  if (match[1]!.toLowerCase() !== 'offline') malformed(`unknown kind '${match[1]!.slice(0, 20)}'`)
  const data = match[2]!
    .split('&')
    .filter((pair) => pair.slice(0, 5).toLowerCase() === 'data=')
    .map((pair) => pair.slice(5))
  if (data.length !== 1) malformed(data.length ? 'more than one data field' : 'no data field')
  return decodeMigrationPayload(decodeBase64Field(data[0]!))
}

/**
 * The data field is base64, usually percent-encoded. A literal '+' is a base64 digit here, never
 * a space (form decoding would break real exports); base64url digits are accepted too.
 */
function decodeBase64Field(raw: string): Uint8Array {
  let text: string
  try {
    text = decodeURIComponent(raw)
  } catch {
    malformed('data is not valid percent-encoding')
  }
  text = text.replace(/ /g, '+').replace(/-/g, '+').replace(/_/g, '/')
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.replace(/=+$/, '').length % 4 === 1) {
    malformed('data is not base64')
  }
  return new Uint8Array(Buffer.from(text, 'base64'))
}

export function decodeMigrationPayload(bytes: Uint8Array): MigrationPayload {
  const reader = new ProtoReader(bytes, malformed)
  const payload: MigrationPayload = {
    accounts: [],
    version: 0,
    batchSize: 0,
    batchIndex: 0,
    batchId: 0,
  }
  while (!reader.done) {
    const { field, wireType } = reader.readField()
    if (field === 1 && wireType === WIRE_LENGTH_DELIMITED) {
      payload.accounts.push(decodeAccount(reader.readBytes()))
    } else if (field >= 2 && field <= 5 && wireType === WIRE_VARINT) {
      const value = reader.readInt32()
      if (field === 2) payload.version = value
      else if (field === 3) payload.batchSize = value
      else if (field === 4) payload.batchIndex = value
      else payload.batchId = value
    } else {
      reader.skip(wireType)
    }
  }
  const { batchSize, batchIndex } = payload
  if (batchSize < 0 || batchIndex < 0) malformed('negative batch numbers')
  if (batchSize > MAX_BATCH_SIZE) {
    malformed(`it claims ${batchSize} parts; exports have at most ${MAX_BATCH_SIZE}`)
  }
  // A size of 0 (field absent) or 1 means a single code, whose index can only be 0.
  if (batchIndex >= Math.max(batchSize, 1)) {
    malformed(`part ${batchIndex + 1} of a ${Math.max(batchSize, 1)}-part export`)
  }
  return payload
}

function decodeAccount(bytes: Uint8Array): MigrationAccount {
  const reader = new ProtoReader(bytes, malformed)
  const account: MigrationAccount = {
    secret: new Uint8Array(),
    name: '',
    issuer: '',
    algorithm: 0,
    digits: 0,
    type: 0,
    counter: 0n,
  }
  while (!reader.done) {
    const { field, wireType } = reader.readField()
    if (field === 1 && wireType === WIRE_LENGTH_DELIMITED) account.secret = reader.readBytes()
    else if (field === 2 && wireType === WIRE_LENGTH_DELIMITED) account.name = reader.readString()
    else if (field === 3 && wireType === WIRE_LENGTH_DELIMITED) {
      account.issuer = reader.readString()
    } else if (field === 4 && wireType === WIRE_VARINT) account.algorithm = reader.readInt32()
    else if (field === 5 && wireType === WIRE_VARINT) account.digits = reader.readInt32()
    else if (field === 6 && wireType === WIRE_VARINT) account.type = reader.readInt32()
    else if (field === 7 && wireType === WIRE_VARINT) {
      account.counter = BigInt.asIntN(64, reader.readVarint())
    } else reader.skip(wireType)
  }
  return account
}
