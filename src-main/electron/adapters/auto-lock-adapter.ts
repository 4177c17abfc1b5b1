// Feeds Electron's powerMonitor into the auto-lock service: the idle probe for polling, and the
// 'suspend' and 'lock-screen' events (the latter fires on macOS and Windows only; on Linux the
// service sees the locked screen through getSystemIdleState).
import type { AutoLock, IdleProbe } from '../../services/auto-lock.ts'

export interface PowerMonitorLike {
  on(event: 'suspend' | 'lock-screen', listener: () => void): unknown
  removeListener(event: 'suspend' | 'lock-screen', listener: () => void): unknown
  getSystemIdleTime(): number
  getSystemIdleState(idleThreshold: number): 'active' | 'idle' | 'locked' | 'unknown'
}

export function powerMonitorProbe(powerMonitor: PowerMonitorLike): IdleProbe {
  return {
    idleSeconds: () => powerMonitor.getSystemIdleTime(),
    idleState: (threshold) => powerMonitor.getSystemIdleState(threshold),
  }
}

/** Subscribes the service to the events and starts its polling; returns the undo. */
export function connectAutoLock(powerMonitor: PowerMonitorLike, autoLock: AutoLock): () => void {
  const onSuspend = () => autoLock.suspended()
  const onLockScreen = () => autoLock.screenLocked()
  powerMonitor.on('suspend', onSuspend)
  powerMonitor.on('lock-screen', onLockScreen)
  autoLock.start()
  return () => {
    autoLock.stop()
    powerMonitor.removeListener('suspend', onSuspend)
    powerMonitor.removeListener('lock-screen', onLockScreen)
  }
}
