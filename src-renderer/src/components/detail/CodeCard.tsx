// The live code card of a 2FA key, or of the key a login links to: TOTP by the clock with the
// next code, HOTP on request.
import { useState } from 'react'
import type { SessionId } from '../../../../src-shared/ids.ts'
import { api, call, errorMessage } from '../../api.ts'
import { useApp } from '../../app-context.ts'
import { groupCode } from '../../format.ts'
import { useLiveCodes } from '../../hooks/useLiveCodes.ts'
import { useNow } from '../../hooks/useNow.ts'
import { Icon } from '../Icons.tsx'
import { LiveCodeRing } from '../LiveCodeRing.tsx'
import { CopyButton } from './detail-values.tsx'

const UNAVAILABLE: Record<string, string> = {
  'vault-locked': 'The vault is locked.',
  'linked-vault-locked': 'Unlock the vault that holds this 2FA key to see its code.',
  'linked-missing': 'The linked 2FA key is not in an open vault.',
  'not-found': 'This item is gone.',
  'no-otp': 'No 2FA key.',
}

export function CodeCard({
  vaultId,
  itemId,
  linked,
}: {
  vaultId: SessionId
  itemId: string
  linked: boolean
}) {
  const { epoch, copy, copyText, notify } = useApp()
  const codes = useLiveCodes(vaultId, [itemId], epoch)
  const now = useNow(1000)
  const [hotp, setHotp] = useState<{ code: string; counter: number } | null>(null)
  const info = codes.get(itemId)
  if (!info) return null
  if (info.status === 'unavailable') {
    return (
      <div className="code-card" role="status">
        <Icon name={linked ? 'link' : 'shield'} size={22} />
        <span className="grow hint">{UNAVAILABLE[info.reason]}</span>
      </div>
    )
  }
  if (info.status === 'hotp') {
    const next = async () => {
      try {
        setHotp(await call(api().codes.hotpNext(vaultId, itemId)))
      } catch (e) {
        notify(errorMessage(e), 'error')
      }
    }
    return (
      <div className="code-card">
        <div className="grow">
          <div className="code-big" aria-live="polite" data-testid="hotp-code">
            {hotp ? groupCode(hotp.code) : '–'.repeat(info.digits)}
          </div>
          <div className="code-next">
            {hotp ? `Counter ${hotp.counter} · ` : ''}Next counter {info.counter}
          </div>
        </div>
        <button type="button" className="btn" onClick={() => void next()}>
          <Icon name="next" /> Next code
        </button>
        {hotp && <CopyButton label="code" onCopy={() => void copyText(hotp.code, 'Code')} />}
      </div>
    )
  }
  const remaining = info.validUntil - now
  const current = remaining > 0 ? info.code : info.nextCode
  return (
    <div className="code-card">
      <LiveCodeRing remainingMs={Math.max(0, remaining)} periodMs={info.period * 1000} size={40} />
      <div className="grow">
        <div className="code-big" data-testid="live-code" data-code={current}>
          {groupCode(current)}
        </div>
        <div className="code-next">
          Next:{' '}
          <span className="mono" data-testid="next-code">
            {groupCode(info.nextCode)}
          </span>
          {linked ? ' · from the linked 2FA key' : ''}
        </div>
      </div>
      <button
        type="button"
        className="btn"
        onClick={() => void copy(vaultId, itemId, { kind: 'code' }, 'Code')}
      >
        <Icon name="copy" /> Copy code
      </button>
    </div>
  )
}
