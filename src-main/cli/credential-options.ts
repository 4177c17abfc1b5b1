// The credential options and environment variables every unlocking command accepts. Kept apart
// from credential-source.ts so `cairn --help` can describe them without loading the recovery code.
import type { OptionSpecs } from './cli-types.ts'

export const PASSWORD_ENV = 'CAIRN_PASSWORD'
export const NEW_PASSWORD_ENV = 'CAIRN_NEW_PASSWORD'
export const RECOVERY_KEY_ENV = 'CAIRN_RECOVERY_KEY'

/** Options every command that unlocks a vault accepts (run-cli.ts adds them). */
export const CREDENTIAL_OPTIONS: OptionSpecs = {
  'password-file': {
    type: 'string',
    valueName: 'FILE',
    description: `read the master password from the first line of FILE (else ${PASSWORD_ENV}, else a prompt)`,
  },
  'recovery-key-file': {
    type: 'string',
    valueName: 'FILE',
    description: `unlock with the recovery key in FILE instead of the password (or set ${RECOVERY_KEY_ENV}); a new master password is then required`,
  },
  'one-time-code-file': {
    type: 'string',
    valueName: 'FILE',
    description: 'unlock with the one-time code in FILE (the code is used up)',
  },
  'new-password-file': {
    type: 'string',
    valueName: 'FILE',
    description: `the new master password (first line of FILE, else ${NEW_PASSWORD_ENV}, else asked twice), when one is needed`,
  },
}
