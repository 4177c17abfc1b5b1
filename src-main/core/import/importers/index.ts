// Every format `cairn import` and the app's import dialog read: one module per format, one line
// here. Detection asks each importer how sure it is; the content decides, the file name only
// breaks ties, and a tie that remains is an error naming the candidates (the person then names
// the format with --from).
import { CairnError } from '../../errors.ts'
import type { AskSecret, ImportReadOptions, ImportedFile, Importer } from '../importer.ts'
import { aegisImporter } from './aegis.ts'
import { andOtpImporter } from './andotp.ts'
import { authenticatorPlusImporter } from './authenticator-plus.ts'
import { duoImporter } from './duo.ts'
import { freeOtpImporter } from './freeotp.ts'
import { freeOtpPlusImporter } from './freeotp-plus.ts'
import { lastPassAuthenticatorImporter } from './lastpass-authenticator.ts'
import { otpauthListImporter } from './otpauth-list.ts'
import { passwordManagerImporters } from './password-managers.ts'
import { protonAuthenticatorImporter } from './proton-authenticator.ts'
import { qrImageImporter } from './qr-image.ts'
import { steamMaFileImporter } from './steam-mafile.ts'
import { stratumImporter } from './stratum.ts'
import { totpAuthenticatorImporter } from './totp-authenticator.ts'
import { twoFasImporter } from './two-fas.ts'

export const IMPORTERS: readonly Importer[] = [
  qrImageImporter,
  otpauthListImporter,
  aegisImporter,
  twoFasImporter,
  andOtpImporter,
  freeOtpPlusImporter,
  freeOtpImporter,
  protonAuthenticatorImporter,
  stratumImporter,
  steamMaFileImporter,
  duoImporter,
  lastPassAuthenticatorImporter,
  authenticatorPlusImporter,
  totpAuthenticatorImporter,
  ...passwordManagerImporters,
]

export function importerById(id: string): Importer {
  const wanted = id.trim().toLowerCase()
  const found = IMPORTERS.find((i) => i.id === wanted)
  if (!found) {
    throw new CairnError(
      'INVALID_ARGUMENT',
      `Unknown import format '${wanted.slice(0, 32)}'; known formats: ${IMPORTERS.map((i) => i.id).join(', ')}`,
    )
  }
  return found
}

/** sniff() is documented never to throw; a module that does anyway only loses the contest. */
function sniffSafely(importer: Importer, bytes: Uint8Array, fileName: string): number {
  try {
    return importer.sniff(bytes, fileName)
  } catch {
    return 0
  }
}

/** The importer for some bytes: the most confident one, or an error when none or several are. */
export function detectImporter(bytes: Uint8Array, fileName: string): Importer {
  let best = 0
  let candidates: Importer[] = []
  for (const importer of IMPORTERS) {
    const confidence = sniffSafely(importer, bytes, fileName)
    if (confidence > best) {
      best = confidence
      candidates = [importer]
    } else if (confidence === best && confidence > 0) candidates.push(importer)
  }
  if (candidates.length === 1) return candidates[0]!
  if (candidates.length === 0) {
    throw new CairnError(
      'UNSUPPORTED',
      'Not a format Cairn can import (if it is one, name it with --from FORMAT; `cairn import --help` lists them)',
    )
  }
  throw new CairnError(
    'UNSUPPORTED',
    `Could be any of these formats: ${candidates.map((c) => c.id).join(', ')}; name one with --from FORMAT`,
  )
}

/** Reads one file with the named importer, or the detected one. */
export async function readImportedFile(
  bytes: Uint8Array,
  fileName: string,
  askSecret: AskSecret,
  from?: string,
  options?: ImportReadOptions,
): Promise<ImportedFile> {
  const importer = from === undefined ? detectImporter(bytes, fileName) : importerById(from)
  return importer.read(bytes, askSecret, options)
}
