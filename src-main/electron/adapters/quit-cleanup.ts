// Quitting locks every vault and clears a clipboard that still holds a Cairn secret. Electron's
// 'before-quit' does not wait for promises, so the first quit is held back (preventDefault), the
// cleanup runs, and the quit is then repeated. A cleanup that hangs must not keep the app open
// forever, so it gets a deadline.

export interface QuittingApp {
  on(event: 'before-quit', listener: (event: { preventDefault(): void }) => void): unknown
  quit(): void
}

export const QUIT_CLEANUP_DEADLINE_MS = 3_000

export function holdQuitForCleanup(
  app: QuittingApp,
  cleanup: () => Promise<void>,
  onError: (error: unknown) => void,
  deadlineMs = QUIT_CLEANUP_DEADLINE_MS,
): void {
  let state: 'running' | 'cleaning' | 'done' = 'running'
  app.on('before-quit', (event) => {
    if (state === 'done') return
    event.preventDefault()
    if (state === 'cleaning') return
    state = 'cleaning'
    let timer: ReturnType<typeof setTimeout> | undefined
    const deadline = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        onError(new Error(`quit cleanup took longer than ${deadlineMs} ms`))
        resolve()
      }, deadlineMs)
    })
    const work = cleanup().catch((error: unknown) => onError(error))
    void Promise.race([work, deadline]).then(() => {
      clearTimeout(timer)
      state = 'done'
      app.quit()
    })
  })
}
