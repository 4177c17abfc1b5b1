// Worker thread entry: rates batches of passwords with the app's strength estimate, off the
// thread that asked (Electron's main process must keep answering the window meanwhile).
import { parentPort } from 'node:worker_threads'
import { estimateStrengthInBatch } from '../generate/password-strength.ts'
import type { RatingAnswer, RatingBatch } from './rating-protocol.ts'

const port = parentPort
if (!port) throw new Error('rating-worker.ts must run as a worker thread')

port.on('message', ({ id, requests }: RatingBatch) => {
  let answer: RatingAnswer
  try {
    const ratings = requests.map(({ password, hints }) => {
      const { score, label, crackTime } = estimateStrengthInBatch(password, hints)
      return { score, label, crackTime }
    })
    answer = { id, ok: true, ratings }
  } catch {
    answer = { id, ok: false }
  }
  port.postMessage(answer)
})
