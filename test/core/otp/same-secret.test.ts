import { describe, expect, it } from 'vitest'
import { sameOtpSecret } from '../../../src-main/core/otp/same-secret.ts'

describe('sameOtpSecret', () => {
  it('matches a secret however it was written down', () => {
    expect(sameOtpSecret('JBSWY3DPEHPK3PXP', 'jbsw y3dp ehpk 3pxp')).toBe(true)
    expect(sameOtpSecret('GEZDGNBVGY3TQOJQ', 'GEZDGNBVGY3TQOJQ======')).toBe(true)
    expect(sameOtpSecret('MFRGG===', 'mfrgg')).toBe(true)
  })

  it('tells different secrets apart', () => {
    expect(sameOtpSecret('JBSWY3DPEHPK3PXP', 'JBSWY3DPEHPK3PXQ')).toBe(false)
  })
})
