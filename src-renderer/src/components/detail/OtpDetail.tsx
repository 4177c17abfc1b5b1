// A 2FA key's details: issuer, account and the kind of code.
import type { ItemDetail } from '../../../../src-shared/ipc-contract.ts'
import { PlainValue } from './detail-values.tsx'

export function otpTypeText(otp: ItemDetail['otp']): string {
  if (!otp) return '—'
  if (otp.encoder === 'steam') return 'Steam Guard'
  const period = otp.kind === 'totp' ? ` · ${otp.period} s` : ''
  return `${otp.kind.toUpperCase()} · ${otp.algorithm} · ${otp.digits} digits${period}`
}

export function OtpProps({ detail: d }: { detail: ItemDetail }) {
  return (
    <>
      <dt>Issuer</dt>
      <dd>
        <span className="value">{d.issuer || '—'}</span>
      </dd>
      <dt>Account</dt>
      <dd>
        <PlainValue
          vaultId={d.vaultId}
          itemId={d.id}
          value={d.account || '—'}
          label="account"
          copyRef={d.account ? { kind: 'username' } : undefined}
        />
      </dd>
      <dt>Type</dt>
      <dd>
        <span className="value">{otpTypeText(d.otp)}</span>
      </dd>
    </>
  )
}
