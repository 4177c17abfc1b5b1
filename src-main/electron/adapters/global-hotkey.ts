// The global copy-code shortcut. Registration can fail silently at the OS level (another app owns
// the combination: register() returns false) or loudly (a malformed accelerator); both end up in a
// HotkeyStatus the user sees. On Wayland, shortcuts go through the xdg-desktop-portal
// GlobalShortcuts interface: the desktop may ask the user to confirm or rebind, and refuses apps
// whose desktop-file id it cannot resolve, without telling the app — so a hint says so.
import { CairnError } from '../../core/errors.ts'
import type { HotkeyStatus } from '../../../src-shared/ipc-contract.ts'

export interface GlobalShortcutLike {
  register(accelerator: string, callback: () => void): boolean
  unregister(accelerator: string): void
}

const MODIFIERS = new Set([
  'command',
  'cmd',
  'control',
  'ctrl',
  'commandorcontrol',
  'cmdorctrl',
  'alt',
  'option',
  'altgr',
  'shift',
  'super',
  'meta',
])

const NAMED_KEYS = new Set([
  'plus',
  'space',
  'tab',
  'capslock',
  'numlock',
  'scrolllock',
  'backspace',
  'delete',
  'insert',
  'return',
  'enter',
  'up',
  'down',
  'left',
  'right',
  'home',
  'end',
  'pageup',
  'pagedown',
  'escape',
  'esc',
  'printscreen',
  'numdec',
  'numadd',
  'numsub',
  'nummult',
  'numdiv',
])

const PUNCTUATION = new Set([...')!@#$%^&*(:;:+=<,_->.?/~`{][|\\}"\''])

function isKey(token: string): boolean {
  const t = token.toLowerCase()
  if (/^[a-z0-9]$/.test(t)) return true
  if (/^f([1-9]|1[0-9]|2[0-4])$/.test(t)) return true
  if (/^num[0-9]$/.test(t)) return true
  return NAMED_KEYS.has(t) || (token.length === 1 && PUNCTUATION.has(token))
}

/**
 * Checks an Electron accelerator and returns it tidied, or throws INVALID_ARGUMENT. A global
 * shortcut needs a modifier (a bare letter would swallow that letter everywhere) unless it is one
 * of the keys nobody types text with (F13–F24).
 */
export function parseAccelerator(input: string): string {
  const text = input.trim()
  const fail = (why: string): never => {
    throw new CairnError('INVALID_ARGUMENT', `“${text}” is not a usable shortcut: ${why}.`)
  }
  if (text === '') fail('it is empty')
  if (text.length > 100) fail('it is too long')
  // "Plus" spells the + key; a literal '+' can only appear as a separator.
  const tokens = text.split('+').map((t) => t.trim())
  if (tokens.some((t) => t === '')) fail('write the + key as “Plus”')
  const key = tokens[tokens.length - 1] as string
  const modifiers = tokens.slice(0, -1)
  for (const m of modifiers) {
    if (!MODIFIERS.has(m.toLowerCase())) fail(`“${m}” is not a modifier (use Ctrl, Alt, Shift…)`)
  }
  if (new Set(modifiers.map((m) => m.toLowerCase())).size !== modifiers.length) {
    fail('a modifier appears twice')
  }
  if (!isKey(key)) fail(`“${key}” is not a key Electron knows`)
  if (modifiers.length === 0 && !/^f(1[3-9]|2[0-4])$/i.test(key)) {
    fail('add a modifier such as Ctrl or Alt')
  }
  return tokens.join('+')
}

export interface HotkeyEnvironment {
  platform: NodeJS.Platform
  /** XDG_SESSION_TYPE on Linux. */
  sessionType?: string | undefined
  /** The desktop-file id Cairn registers under (app.setDesktopName). */
  desktopFileId: string
}

export function waylandHint(env: HotkeyEnvironment): string | null {
  if (env.platform !== 'linux' || env.sessionType !== 'wayland') return null
  return (
    'On Wayland the shortcut goes through your desktop’s GlobalShortcuts portal: it may ask you ' +
    'to confirm it, or let you change it in its own keyboard settings. The desktop recognises ' +
    `Cairn by its desktop file ${env.desktopFileId}.desktop, so start Cairn from its installed ` +
    'launcher; if pressing the shortcut does nothing, assign one there.'
  )
}

export class HotkeyRegistration {
  readonly #shortcuts: GlobalShortcutLike
  readonly #onPress: () => void
  readonly #env: HotkeyEnvironment
  #status: HotkeyStatus

  constructor(shortcuts: GlobalShortcutLike, onPress: () => void, env: HotkeyEnvironment) {
    this.#shortcuts = shortcuts
    this.#onPress = onPress
    this.#env = env
    this.#status = { accelerator: '', registered: false, error: null, hint: waylandHint(env) }
  }

  get status(): HotkeyStatus {
    return { ...this.#status }
  }

  /** At startup: whatever happens ends in the status (shown to the user), never in a throw. */
  start(accelerator: string): HotkeyStatus {
    this.#release()
    if (accelerator === '') return this.#set('', false, null)
    let tidy: string
    try {
      tidy = parseAccelerator(accelerator)
    } catch (error) {
      return this.#set(accelerator, false, (error as Error).message)
    }
    const failure = this.#tryRegister(tidy)
    return this.#set(tidy, failure === null, failure)
  }

  /**
   * From settings: a shortcut that cannot be registered is refused with a CairnError and the
   * previous one stays active, so a typo never leaves the user without a shortcut.
   */
  change(accelerator: string): HotkeyStatus {
    const previous = this.#status
    if (accelerator.trim() === '') {
      this.#release()
      return this.#set('', false, null)
    }
    const tidy = parseAccelerator(accelerator)
    if (previous.registered && tidy === previous.accelerator) return this.status
    this.#release()
    const failure = this.#tryRegister(tidy)
    if (failure !== null) {
      if (previous.registered) {
        this.#tryRegister(previous.accelerator)
        this.#set(previous.accelerator, true, null)
      }
      throw new CairnError('CONFLICT', failure)
    }
    return this.#set(tidy, true, null)
  }

  stop(): void {
    this.#release()
    this.#set(this.#status.accelerator, false, null)
  }

  #tryRegister(accelerator: string): string | null {
    try {
      if (this.#shortcuts.register(accelerator, this.#onPress)) return null
      return (
        `Cairn could not register the shortcut ${accelerator}: another application or the ` +
        'system already uses it. Choose a different one in Settings.'
      )
    } catch {
      return `Cairn could not register the shortcut ${accelerator}: the system refused it.`
    }
  }

  #release(): void {
    if (this.#status.registered) this.#shortcuts.unregister(this.#status.accelerator)
  }

  #set(accelerator: string, registered: boolean, error: string | null): HotkeyStatus {
    this.#status = { accelerator, registered, error, hint: waylandHint(this.#env) }
    return this.status
  }
}
