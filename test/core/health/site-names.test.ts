import { describe, expect, it } from 'vitest'
import {
  foldName,
  keyNames,
  loginNames,
  recoveryCodeNames,
  sharesName,
  siteOfHost,
} from '../../../src-main/core/health/site-names.ts'
import { login, otp, recoveryCodes } from '../vault/vault-fixtures.ts'

describe('site names', () => {
  it('folds case, accents and punctuation', () => {
    expect(foldName('Proton Mail')).toBe('protonmail')
    expect(foldName('Société Générale')).toBe('societegenerale')
    expect(foldName('  ')).toBe('')
  })

  it('names a host by its registered name', () => {
    expect(siteOfHost('github.com')).toBe('github')
    expect(siteOfHost('accounts.google.com')).toBe('google')
    expect(siteOfHost('www.bbc.co.uk')).toBe('bbc')
    expect(siteOfHost('news.example.de')).toBe('example')
    expect(siteOfHost('localhost')).toBe('localhost')
    expect(siteOfHost('192.168.1.1')).toBeNull()
    expect(siteOfHost('[::1]')).toBeNull()
  })

  it('matches a login, its 2FA key and its recovery codes by name', () => {
    const gh = loginNames(login({ title: 'Work code', urls: ['https://github.com/session'] }))
    expect(sharesName(gh, keyNames(otp({ issuer: 'GitHub' })))).toBe(true)
    expect(sharesName(gh, keyNames(otp({ issuer: 'GitLab' })))).toBe(false)
    // An issuer written as a host counts as that site.
    expect(sharesName(gh, keyNames(otp({ issuer: 'github.com' })))).toBe(true)
    const codes = recoveryCodeNames(recoveryCodes({ issuer: '', title: 'GitHub recovery codes' }))
    expect(sharesName(keyNames(otp({ issuer: 'GitHub' })), codes)).toBe(true)
  })
})
