/// <reference types="electron-vite/node" />
// The vault health's rating worker, bundled by electron-vite (`?nodeWorker` emits
// rating-worker.ts as its own chunk): after bundling, the core's default
// `new URL('./rating-worker.ts', import.meta.url)` no longer exists.
import createWorker from '../../core/health/rating-worker.ts?nodeWorker'
import type { RatingWorkerFactory } from '../../core/health/rating-pool.ts'

export const createRatingWorker: RatingWorkerFactory = () => createWorker({})
