// The fuzz campaign: valid otpauth URIs and Google Authenticator migration URIs, mutated at random
// (bytes flipped, inserted, deleted, cut), fed to the parsers. Refusing is fine; a crash is any
// exception that is not a CairnError.
import { randomInt } from 'node:crypto'
import { isCairnError } from '../../src-main/core/errors.ts'
import { parseMigrationUri } from '../../src-main/core/migration/migration-payload.ts'
import { parseOtpauthUri } from '../../src-main/core/otp/otpauth-uri.ts'

export interface FuzzFigures {
  inputs: number
  accepted: number
  refused: number
  crashes: number
  examples: string[]
}

const SEEDS = [
  'otpauth://totp/Example:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example&algorithm=SHA256&digits=8&period=60',
  'otpauth://hotp/ACME%20Co:bob?secret=GEZDGNBVGY3TQOJQ&counter=42',
  // One account (a secret, a name, an issuer, TOTP) in Google Authenticator's protobuf, base64.
  `otpauth-migration://offline?data=${encodeURIComponent(
    Buffer.from(
      '0a220a0a48656c6c6f21deadbeef1205616c6963651a074578616d706c65200128013002100118012000',
      'hex',
    ).toString('base64'),
  )}`,
]

function mutate(text: string): string {
  const b = Buffer.from(text, 'latin1')
  const out = [...b]
  for (let n = randomInt(1, 5); n > 0; n--) {
    const at = randomInt(out.length + 1)
    switch (randomInt(4)) {
      case 0:
        if (out.length) out[at % out.length] = out[at % out.length]! ^ (1 << randomInt(8))
        break
      case 1:
        out.splice(at, 0, randomInt(256))
        break
      case 2:
        out.splice(at, 1)
        break
      default:
        out.length = Math.min(out.length, at)
    }
  }
  return Buffer.from(out).toString('latin1')
}

export function runFuzzCampaign(budgetMs: number, maxInputs = Infinity): FuzzFigures {
  const figures: FuzzFigures = { inputs: 0, accepted: 0, refused: 0, crashes: 0, examples: [] }
  const until = Date.now() + budgetMs
  while (figures.inputs < maxInputs && (figures.inputs % 256 !== 0 || Date.now() < until)) {
    const seed = SEEDS[randomInt(SEEDS.length)]!
    const input = mutate(seed)
    figures.inputs++
    try {
      if (input.startsWith('otpauth-migration:')) parseMigrationUri(input)
      else parseOtpauthUri(input)
      figures.accepted++
    } catch (e) {
      if (isCairnError(e)) figures.refused++
      else {
        figures.crashes++
        if (figures.examples.length < 10) {
          figures.examples.push(
            `${e instanceof Error ? e.name : typeof e}: ${JSON.stringify(input)}`,
          )
        }
      }
    }
  }
  return figures
}
