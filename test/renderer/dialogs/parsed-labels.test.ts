import { describe, expect, it } from 'vitest'
import { mergeParsedLabels } from '../../../src-renderer/src/dialogs/parsed-labels.ts'

const uriA = { uri: 'otpauth://totp/A:a?secret=JBSWY3DPEHPK3PXP', issuer: 'A', account: 'a' }
const uriB = { uri: 'otpauth://totp/B:b?secret=JBSWY3DPEHPK3PXP', issuer: 'B', account: 'b' }

describe('labels parsed from a URI', () => {
  it('fill empty fields', () => {
    expect(mergeParsedLabels({ issuer: '', account: '' }, null, uriA)).toEqual({
      issuer: 'A',
      account: 'a',
    })
  })
  it('never replace what the user typed', () => {
    expect(mergeParsedLabels({ issuer: 'Bank', account: '' }, null, uriA)).toEqual({
      issuer: 'Bank',
      account: 'a',
    })
  })
  it('replace the previous URI labels when the URI changes', () => {
    expect(mergeParsedLabels({ issuer: 'A', account: 'typed' }, uriA, uriB)).toEqual({
      issuer: 'B',
      account: 'typed',
    })
  })
  it('leave the fields alone while the URI is the same (a refreshed preview)', () => {
    expect(mergeParsedLabels({ issuer: '', account: 'x' }, uriA, uriA)).toEqual({
      issuer: '',
      account: 'x',
    })
  })
})
