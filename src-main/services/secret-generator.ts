// The generator dialog's service: random passwords (the core generator), passphrases from the
// bundled word list, and a strength estimate for anything the user types.
import type {
  GeneratedSecret,
  PassphraseOptions,
  PasswordOptions,
  Strength,
} from '../../src-shared/ipc-contract.ts'
import { generatePassphrase, loadWordList } from './passphrase.ts'
import { estimateStrength } from '../core/generate/password-strength.ts'

/** The core's random-password generator (src-main/core, shared with the CLI). */
export interface PasswordGeneratorPort {
  generatePassword(options: PasswordOptions): { value: string; entropyBits: number }
}

export interface SecretGeneratorOptions {
  wordListPath: string
  passwords: PasswordGeneratorPort
}

export class SecretGenerator {
  #options: SecretGeneratorOptions
  #words: string[] | null = null

  constructor(options: SecretGeneratorOptions) {
    this.#options = options
  }

  password(options: PasswordOptions): GeneratedSecret {
    const generator = this.#options.passwords
    const { value, entropyBits } = generator.generatePassword(options)
    return { value, entropyBits, strength: estimateStrength(value) }
  }

  passphrase(options: PassphraseOptions): GeneratedSecret {
    this.#words ??= loadWordList(this.#options.wordListPath)
    const { value, entropyBits } = generatePassphrase(this.#words, options)
    return { value, entropyBits, strength: estimateStrength(value) }
  }

  strength(password: string): Strength {
    return estimateStrength(password)
  }
}
