import { describe, expect, it } from 'vitest'
import { filterPickerKeys, keyLabel } from '../../../src-renderer/src/picker/picker-filter.ts'
import type { PickerKey } from '../../../src-shared/ipc-contract.ts'
import type { SessionId } from '../../../src-shared/ids.ts'

const key = (issuer: string, account: string, over: Partial<PickerKey> = {}): PickerKey => ({
  vaultId: 'v' as SessionId,
  vaultName: '2FA keys',
  itemId: `${issuer}/${account}`,
  title: '',
  issuer,
  account,
  kind: 'totp',
  ...over,
})

const keys = [
  key('Digital Ocean', 'ops@example.com'),
  key('GitHub', 'alice'),
  key('GitLab', 'alice', { vaultName: 'Work' }),
  key('Zoé Café', 'bob'),
]

describe('picker filter', () => {
  it('keeps everything, in order, for an empty query', () => {
    expect(filterPickerKeys(keys, '  ')).toEqual(keys)
  })

  it('puts issuers starting with the first word before those merely containing it', () => {
    expect(filterPickerKeys(keys, 'git').map((k) => k.issuer)).toEqual([
      'GitHub',
      'GitLab',
      'Digital Ocean',
    ])
  })

  it('needs every word, in any field (account, vault name)', () => {
    expect(filterPickerKeys(keys, 'alice work').map((k) => k.issuer)).toEqual(['GitLab'])
    expect(filterPickerKeys(keys, 'ops example').map((k) => k.issuer)).toEqual(['Digital Ocean'])
    expect(filterPickerKeys(keys, 'alice nobody')).toEqual([])
  })

  it('ignores case and accents', () => {
    expect(filterPickerKeys(keys, 'ZOE cafe').map((k) => k.issuer)).toEqual(['Zoé Café'])
  })

  it('labels a key by issuer (or title) and account', () => {
    expect(keyLabel(key('GitHub', 'alice'))).toEqual({ primary: 'GitHub', secondary: 'alice' })
    expect(keyLabel(key('', 'alice', { title: 'Home NAS' }))).toEqual({
      primary: 'Home NAS',
      secondary: 'alice',
    })
    expect(keyLabel(key('', 'alice'))).toEqual({ primary: 'alice', secondary: '' })
  })
})
