// Main-process notifications for the renderer (Electron forwards them with webContents.send, the
// browser harness over a server-sent event stream). Events carry no secrets.
import type { CairnEvent } from '../../src-shared/ipc-contract.ts'

export type EventListener = (event: CairnEvent) => void

export class EventBus {
  #listeners = new Set<EventListener>()

  subscribe(listener: EventListener): () => void {
    this.#listeners.add(listener)
    return () => {
      this.#listeners.delete(listener)
    }
  }

  emit(event: CairnEvent): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(event)
      } catch (error) {
        // One broken listener (a closed window) must not stop the others.
        console.error(
          'Cairn: event listener failed:',
          error instanceof Error ? error.message : error,
        )
      }
    }
  }
}
