import { useEffect, useState } from 'react'

/** The current time, re-rendering every `intervalMs` (aligned to the wall-clock second). */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>
    const tick = () => {
      setNow(Date.now())
      timer = setTimeout(tick, intervalMs - (Date.now() % intervalMs) + 5)
    }
    timer = setTimeout(tick, intervalMs - (Date.now() % intervalMs) + 5)
    return () => clearTimeout(timer)
  }, [intervalMs])
  return now
}
