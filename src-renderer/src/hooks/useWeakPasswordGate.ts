import { useRef, useState } from 'react'
import type { Strength } from '../../../src-shared/ipc-contract.ts'
import { api, call } from '../api.ts'

/** zxcvbn scores run 0 (very weak) to 4 (very strong); a master password below this asks first. */
export const WEAK_BELOW_SCORE = 3

export function weakPasswordRisk(strength: Strength): string | null {
  if (strength.score >= WEAK_BELOW_SCORE) return null
  return (
    `It is rated “${strength.label.toLowerCase()}”. Anyone who gets a copy of the vault file ` +
    `(a backup, a synced folder, a lost laptop) can try guesses at it offline for as long as they ` +
    `like, and guesses like this one come early. A few unrelated words make a much stronger one.`
  )
}

export interface WeakWarning {
  /** One sentence per weak password, naming its vault. */
  risks: string[]
}

/** Asks once per weak master password before it is used: `allowed` resolves false (and raises the
 * warning) until the user has accepted exactly these passwords. */
export function useWeakPasswordGate() {
  const [warning, setWarning] = useState<WeakWarning | null>(null)
  const accepted = useRef<string[]>([])
  const pending = useRef<string[]>([])

  const allowed = async (named: [label: string, password: string][]): Promise<boolean> => {
    const risks: string[] = []
    for (const [label, password] of named) {
      if (accepted.current.includes(password)) continue
      const risk = weakPasswordRisk(await call(api().generator.strength(password)))
      if (risk) risks.push(label ? `${label}: ${risk}` : risk)
    }
    pending.current = named.map(([, p]) => p)
    setWarning(risks.length > 0 ? { risks } : null)
    return risks.length === 0
  }

  const accept = () => {
    accepted.current = [...accepted.current, ...pending.current]
    setWarning(null)
  }

  const dismiss = () => setWarning(null)

  return { warning, allowed, accept, dismiss }
}
