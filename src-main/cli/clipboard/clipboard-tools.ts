// The clipboard programs `--clip` uses, as `pass -c` does: wl-copy on Wayland, xclip or xsel on
// X11, pbcopy on macOS, clip.exe on Windows and WSL. Each is found on PATH; reading back (to clear
// only what we wrote) uses the matching paste program.
import { spawnSync } from 'node:child_process'
import { accessSync, constants } from 'node:fs'
import { delimiter, join } from 'node:path'
import { CliError } from '../cli-error.ts'

export interface ClipboardTool {
  name: string
  copy: [string, string[]]
  paste: [string, string[]] | null
  clear: [string, string[]]
}

type Env = Record<string, string | undefined>

const TOOLS: Record<string, ClipboardTool> = {
  'wl-copy': {
    name: 'wl-copy',
    copy: ['wl-copy', []],
    paste: ['wl-paste', ['--no-newline']],
    clear: ['wl-copy', ['--clear']],
  },
  xclip: {
    name: 'xclip',
    copy: ['xclip', ['-selection', 'clipboard']],
    paste: ['xclip', ['-selection', 'clipboard', '-o']],
    clear: ['xclip', ['-selection', 'clipboard']],
  },
  xsel: {
    name: 'xsel',
    copy: ['xsel', ['--clipboard', '--input']],
    paste: ['xsel', ['--clipboard', '--output']],
    clear: ['xsel', ['--clipboard', '--delete']],
  },
  pbcopy: { name: 'pbcopy', copy: ['pbcopy', []], paste: ['pbpaste', []], clear: ['pbcopy', []] },
  'clip.exe': {
    name: 'clip.exe',
    copy: ['clip.exe', []],
    paste: ['powershell.exe', ['-NoProfile', '-Command', 'Get-Clipboard']],
    clear: ['clip.exe', []],
  },
}

function onPath(program: string, env: Env): boolean {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue
    try {
      accessSync(join(dir, program), constants.X_OK)
      return true
    } catch {
      // Not in this folder.
    }
  }
  return false
}

/** The clipboard program for this session, or a CliError naming what to install. */
export function findClipboardTool(env: Env = process.env): ClipboardTool {
  const candidates: string[] = []
  if (process.platform === 'darwin') candidates.push('pbcopy')
  else if (process.platform === 'win32') candidates.push('clip.exe')
  else {
    if (env.WAYLAND_DISPLAY) candidates.push('wl-copy')
    if (env.DISPLAY) candidates.push('xclip', 'xsel')
    candidates.push('clip.exe')
  }
  for (const name of candidates) {
    const tool = TOOLS[name]
    if (tool && onPath(tool.copy[0], env)) return tool
  }
  throw new CliError(
    'no clipboard program found: install wl-clipboard (Wayland), xclip or xsel (X11); or drop --clip',
  )
}

function run([command, args]: [string, string[]], input: string, env: Env): void {
  // The copy programs may stay behind to serve the selection: never wait on their output.
  const result = spawnSync(command, args, {
    input,
    stdio: ['pipe', 'ignore', 'ignore'],
    env: env as NodeJS.ProcessEnv,
    timeout: 5000,
  })
  if (result.error || result.status !== 0) {
    throw new CliError(`the clipboard program ${command} failed`)
  }
}

export function copyText(tool: ClipboardTool, text: string, env: Env = process.env): void {
  run(tool.copy, text, env)
}

export function clearClipboard(tool: ClipboardTool, env: Env = process.env): void {
  run(tool.clear, '', env)
}

/** What the clipboard holds now, or null when it cannot be read back. */
export function pasteText(tool: ClipboardTool, env: Env = process.env): string | null {
  if (!tool.paste) return null
  const [command, args] = tool.paste
  const result = spawnSync(command, args, {
    encoding: 'utf8',
    env: env as NodeJS.ProcessEnv,
    timeout: 5000,
  })
  if (result.error || result.status !== 0) return null
  return tool.name === 'clip.exe' ? result.stdout.replace(/\r?\n$/, '') : result.stdout
}
