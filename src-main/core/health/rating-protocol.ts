// Messages between a RatingPool and its worker threads. Passwords travel only in these messages
// (structured clones in memory); a worker answers with ratings, never with the password.
import type { PasswordRating } from './vault-health.ts'

export interface RatingRequest {
  password: string
  /** The login's own words, which make its password easier to guess. */
  hints: string[]
}

export interface RatingBatch {
  id: number
  requests: RatingRequest[]
}

/** A failed batch says nothing more: an error's text could quote what was being rated. */
export type RatingAnswer =
  { id: number; ok: true; ratings: PasswordRating[] } | { id: number; ok: false }
