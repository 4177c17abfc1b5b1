// `--clip`: copy a secret, then clear the clipboard after a while only if it still holds that
// secret (like `pass -c`). The clearing is a small detached process, so the command returns at
// once; it receives the clipboard program and a SHA-256 of the text on its standard input, never
// the text itself (nor anything on its command line).
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { UsageError } from '../cli-error.ts'
import { CLIP_TIME_ENV, DEFAULT_CLIP_SECONDS } from './clip-settings.ts'
import { copyText, findClipboardTool } from './clipboard-tools.ts'
import { cliEntry } from '../cli-entry.ts'

type Env = Record<string, string | undefined>

export function clipSeconds(env: Env): number {
  const value = env[CLIP_TIME_ENV]
  if (value === undefined || value === '') return DEFAULT_CLIP_SECONDS
  if (!/^\d{1,4}$/.test(value) || Number(value) < 1) {
    throw new UsageError(`${CLIP_TIME_ENV} must be a number of seconds from 1 to 9999`)
  }
  return Number(value)
}

export interface ClearOrder {
  tool: string
  seconds: number
  sha256: string
}

export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex')

/** clipWithClear, then one line on stderr that says when the clipboard clears. */
export function clipAndTell(text: string, env: Env, err: (line: string) => void): void {
  const seconds = clipWithClear(text, env)
  err(`Copied to the clipboard; cleared in ${seconds} s unless it changes before.`)
}

/** Copies `text` and leaves a detached process to clear it; returns the seconds until then. */
export function clipWithClear(text: string, env: Env = process.env): number {
  const seconds = clipSeconds(env)
  const tool = findClipboardTool(env)
  copyText(tool, text, env)
  const order: ClearOrder = { tool: tool.name, seconds, sha256: sha256(text) }
  const child = spawn(process.execPath, [cliEntry(), '--clipboard-clearer'], {
    detached: true,
    stdio: ['pipe', 'ignore', 'ignore'],
    env: env as NodeJS.ProcessEnv,
    cwd: '/',
    windowsHide: true,
  })
  child.stdin.end(JSON.stringify(order))
  child.unref()
  return seconds
}
