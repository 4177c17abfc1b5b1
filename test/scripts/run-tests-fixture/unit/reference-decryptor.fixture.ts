import { describe, expect, it } from 'vitest'
import { needReferenceDecryptor, referenceProblem } from '../../../support/python-reference.ts'

// The stage runs with CAIRN_PYTHON set to a Python that cannot see Debian's packages.
describe('a Python without argon2-cffi', () => {
  it('would decrypt a vault', (ctx) => {
    needReferenceDecryptor('cairn_vault_decrypt.py')(ctx)
    expect(true).toBe(true)
  })
})

describe('a removed reference decryptor', () => {
  it('would decrypt a backup', (ctx) => {
    needReferenceDecryptor(
      'cairn_removed_decrypt.py',
      referenceProblem('cairn_removed_decrypt.py'),
    )(ctx)
    expect(true).toBe(true)
  })
})

it('skips with a reason', (ctx) => {
  ctx.skip('no display on this machine')
})
