// The clipboard as the services see it. Electron's implementation (main-only, asynchronous) lives
// with the shell glue; the browser harness and the tests use MemoryClipboard.
export interface ClipboardPort {
  /** `secret` asks the platform to keep the text out of clipboard history where it can. */
  writeText(text: string, options: { secret: boolean }): Promise<void>
  readText(): Promise<string>
  clear(): Promise<void>
}

/** A process-local clipboard: the harness's, observable by its end-to-end tests. */
export class MemoryClipboard implements ClipboardPort {
  #text = ''
  #secret = false

  async writeText(text: string, options: { secret: boolean }): Promise<void> {
    this.#text = text
    this.#secret = options.secret
  }

  async readText(): Promise<string> {
    return this.#text
  }

  async clear(): Promise<void> {
    this.#text = ''
    this.#secret = false
  }

  /** Whether the current text was written as a secret. */
  get holdsSecret(): boolean {
    return this.#secret && this.#text !== ''
  }
}
