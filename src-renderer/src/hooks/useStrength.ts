import { useEffect, useState } from 'react'
import type { Strength } from '../../../src-shared/ipc-contract.ts'
import { api, call } from '../api.ts'

/** zxcvbn's verdict on `password`, asked of main a moment after typing stops. */
export function useStrength(password: string): Strength | null {
  const [strength, setStrength] = useState<Strength | null>(null)
  useEffect(() => {
    let cancelled = false
    const timer = setTimeout(() => {
      if (!password) {
        setStrength(null)
        return
      }
      call(api().generator.strength(password))
        .then((s) => !cancelled && setStrength(s))
        .catch(() => !cancelled && setStrength(null))
    }, 150)
    return () => {
      cancelled = true
      clearTimeout(timer)
    }
  }, [password])
  return strength
}
