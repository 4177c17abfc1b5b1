import { describe, expect, it } from 'vitest'
import {
  CONTENT_SECURITY_POLICY,
  devContentSecurityPolicy,
  withSecurityHeaders,
} from '../../../src-main/electron/security/content-security-policy.ts'

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/)
      return [name, values]
    }),
  )
}

describe('content security policy', () => {
  const prod = directives(CONTENT_SECURITY_POLICY)

  it('denies by default and allows scripts and styles only from our own origin', () => {
    expect(prod.get('default-src')).toEqual(["'none'"])
    expect(prod.get('script-src')).toEqual(["'self'"])
    expect(prod.get('style-src')).toEqual(["'self'"])
    expect(prod.get('connect-src')).toEqual(["'self'"])
  })

  it('forbids inline code, eval, plugins, framing, base and form redirection', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|\*/)
    expect(prod.get('object-src')).toEqual(["'none'"])
    expect(prod.get('frame-ancestors')).toEqual(["'none'"])
    expect(prod.get('frame-src')).toEqual(["'none'"])
    expect(prod.get('base-uri')).toEqual(["'none'"])
    expect(prod.get('form-action')).toEqual(["'none'"])
  })

  it('allows inline code in development only for the given dev server', () => {
    const dev = directives(devContentSecurityPolicy('http://localhost:5173'))
    expect(dev.get('script-src')).toEqual(["'self'", "'unsafe-inline'", 'http://localhost:5173'])
    expect(dev.get('connect-src')).toEqual([
      "'self'",
      'http://localhost:5173',
      'ws://localhost:5173',
    ])
    expect(dev.get('frame-ancestors')).toEqual(["'none'"])
    expect(dev.get('object-src')).toEqual(["'none'"])
  })
})

describe('withSecurityHeaders', () => {
  it('replaces any policy the response carried, whatever its casing, and keeps other headers', () => {
    const out = withSecurityHeaders(
      {
        'content-security-policy': ['default-src *'],
        'Content-Security-Policy-Report-Only': ['script-src *'],
        'x-content-type-options': ['sniff-away'],
        'Content-Type': ['text/html'],
      },
      CONTENT_SECURITY_POLICY,
    )
    const csp = Object.entries(out).filter(([k]) => k.toLowerCase().startsWith('content-security'))
    expect(csp).toEqual([['Content-Security-Policy', [CONTENT_SECURITY_POLICY]]])
    expect(out['Content-Type']).toEqual(['text/html'])
    const nosniff = Object.entries(out).filter(
      ([k]) => k.toLowerCase() === 'x-content-type-options',
    )
    expect(nosniff).toEqual([['X-Content-Type-Options', ['nosniff']]])
  })

  it('adds the policy to a response that had no headers', () => {
    expect(withSecurityHeaders(undefined, 'default-src none')['Content-Security-Policy']).toEqual([
      'default-src none',
    ])
  })
})
