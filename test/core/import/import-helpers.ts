// Reads bytes through the import registry as `cairn import` does, for plan tests.
import type { ReadImport } from '../../../src-main/core/import/import-plan.ts'
import type { AskSecret } from '../../../src-main/core/import/importer.ts'
import { readImportedFile } from '../../../src-main/core/import/importers/index.ts'

export const noPassword: AskSecret = async () => null

export async function readAs(
  name: string,
  bytes: Uint8Array | string,
  askSecret: AskSecret = noPassword,
  from?: string,
): Promise<ReadImport> {
  const data = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes
  return { name, file: await readImportedFile(data, name, askSecret, from) }
}
