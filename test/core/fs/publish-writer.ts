// One writer in the race test: writes its own content to a temporary file, sleeps until the start
// time (so every writer is at the publishing step at once), then publishes it under the shared
// name and prints what happened.
import { rmSync } from 'node:fs'
import { publishNew, writeTempFile } from '../../../src-main/core/fs/atomic-file.ts'
import { CairnError } from '../../../src-main/core/errors.ts'

const [path, id, startAt] = process.argv.slice(2) as [string, string, string]
const tmp = writeTempFile(path, [Buffer.from(`writer ${id} `.repeat(2000))], `racer${id}`)
const wait = Number(startAt) - Date.now()
if (wait > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, wait)
try {
  publishNew(tmp, path)
  console.log('won')
} catch (e) {
  console.log(e instanceof CairnError ? e.code : `other ${(e as Error).name}`)
} finally {
  // As writeFileAtomic does: the loser's temporary file is its own to remove.
  rmSync(tmp, { force: true })
}
