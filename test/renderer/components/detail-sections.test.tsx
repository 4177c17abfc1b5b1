// The detail pane's sections per kind, rendered to markup as React renders them: what each kind
// shows, that secrets appear only as dots with a reveal button (the renderer holds no secret until
// asked), and the wording of code types, linked keys and recovery-code counts.
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import type { ItemDetail } from '../../../src-shared/ipc-contract.ts'
import type { SessionId } from '../../../src-shared/ids.ts'
import { AppContext, type AppActions } from '../../../src-renderer/src/app-context.ts'
import { LoginBody, LoginProps } from '../../../src-renderer/src/components/detail/LoginDetail.tsx'
import { OtpProps, otpTypeText } from '../../../src-renderer/src/components/detail/OtpDetail.tsx'
import { RecoveryCodesProps } from '../../../src-renderer/src/components/detail/RecoveryCodesDetail.tsx'
import { NoteBody } from '../../../src-renderer/src/components/detail/NoteDetail.tsx'

const unused = () => {
  throw new Error('not called while rendering')
}

const frame = {
  vaults: [],
  lists: {},
  epoch: 0,
  notify: unused,
  copy: unused,
  copyText: unused,
  showTag: unused,
} as unknown as AppActions

function render(node: React.ReactNode): string {
  return renderToStaticMarkup(<AppContext.Provider value={frame}>{node}</AppContext.Provider>)
}

/** The text a person reads (tags removed, entities decoded). */
function text(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
}

function detail(overrides: Partial<ItemDetail>): ItemDetail {
  return {
    vaultId: 'vault-1' as SessionId,
    id: 'item-1',
    kind: 'login',
    revision: 3,
    title: 'Mail',
    issuer: '',
    account: '',
    username: 'ada@example.org',
    urls: [],
    tags: [],
    favourite: false,
    group: [],
    createdAt: 0,
    updatedAt: 0,
    deletedAt: null,
    otp: null,
    otpLink: null,
    hasPassword: true,
    recoveryCodes: null,
    storedTitle: 'Mail',
    notes: '',
    fields: [],
    passwordHistoryCount: 0,
    otpLinkTarget: null,
    ...overrides,
  }
}

describe('detail sections', () => {
  it('a login: username with copy, the password only as dots behind a reveal, numbered URLs', () => {
    const html = render(
      <LoginProps detail={detail({ urls: ['https://mail.example.org', 'https://example.org'] })} />,
    )
    expect(text(html)).toBe(
      'Username ada@example.org Password •••••••••• URL https://mail.example.org URL 2 https://example.org',
    )
    expect(html).toContain('aria-label="Reveal password"')
    expect(html).toContain('aria-label="Copy password"')
    expect(html).toContain('aria-label="Copy username"')
  })

  it('a login without a password or username says so and offers nothing to copy', () => {
    const html = render(<LoginProps detail={detail({ username: '', hasPassword: false })} />)
    expect(text(html)).toBe('Username — Password No password')
    expect(html).not.toContain('Copy username')
    expect(html).not.toContain('Reveal password')
  })

  it('where a linked 2FA key lives: unlocked, locked, or in no open vault', () => {
    const target = (state: 'unlocked' | 'locked' | 'missing') =>
      text(
        render(
          <LoginProps
            detail={detail({
              otpLinkTarget: { state, vaultName: '2FA keys', title: 'GitHub (ada)' },
            })}
          />,
        ),
      ).replace(/^.*2FA key /, '')
    expect(target('unlocked')).toBe('GitHub (ada) (in 2FA keys)')
    expect(target('locked')).toBe('In 2FA keys (locked)')
    expect(target('missing')).toBe('Not in any open vault')
  })

  it('earlier passwords are offered by count, not shown', () => {
    expect(render(<LoginBody detail={detail({ passwordHistoryCount: 0 })} />)).toBe('')
    expect(text(render(<LoginBody detail={detail({ passwordHistoryCount: 2 })} />))).toBe(
      'Earlier passwords (2)',
    )
  })

  it('a 2FA key: issuer, account and the kind of code in words', () => {
    const otp = {
      kind: 'totp',
      algorithm: 'SHA256',
      digits: 8,
      period: 60,
      encoder: 'standard',
    } as ItemDetail['otp']
    const html = render(
      <OtpProps detail={detail({ kind: 'otp', issuer: 'GitHub', account: 'ada', otp })} />,
    )
    expect(text(html)).toBe('Issuer GitHub Account ada Type TOTP · SHA256 · 8 digits · 60 s')
    expect(otpTypeText({ ...otp!, kind: 'hotp' })).toBe('HOTP · SHA256 · 8 digits')
    expect(otpTypeText({ ...otp!, encoder: 'steam' })).toBe('Steam Guard')
    expect(otpTypeText(null)).toBe('—')
  })

  it('recovery codes: how many are unused; a note: its text only on request', () => {
    const codes = render(
      <RecoveryCodesProps
        detail={detail({
          kind: 'recovery-codes',
          issuer: 'GitHub',
          recoveryCodes: { total: 10, used: 3 },
        })}
      />,
    )
    expect(text(codes)).toBe('Issuer GitHub Codes 7 of 10 unused')
    expect(text(render(<NoteBody detail={detail({ kind: 'note' })} />))).toBe('Show note')
  })
})
