// The password-manager formats, for the importer registry.
import type { Importer } from '../importer.ts'
import { bitwardenCsvImporter } from './bitwarden-csv.ts'
import { bitwardenJsonImporter } from './bitwarden-json.ts'
import { chromeCsvImporter, firefoxCsvImporter } from './browser-csv.ts'
import { kdbxImporter } from './kdbx.ts'
import { keepassxcCsvImporter } from './keepassxc-csv.ts'
import { lastpassCsvImporter } from './lastpass-csv.ts'
import { nordpassCsvImporter } from './nordpass-csv.ts'
import { onePassword1puxImporter } from './onepassword-1pux.ts'
import { onePasswordCsvImporter } from './onepassword-csv.ts'
import { protonPassImporter } from './protonpass-zip.ts'

export const passwordManagerImporters: Importer[] = [
  kdbxImporter,
  keepassxcCsvImporter,
  bitwardenJsonImporter,
  bitwardenCsvImporter,
  onePassword1puxImporter,
  onePasswordCsvImporter,
  lastpassCsvImporter,
  nordpassCsvImporter,
  protonPassImporter,
  chromeCsvImporter,
  firefoxCsvImporter,
]
