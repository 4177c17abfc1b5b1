// Where the agent listens, and the checks that make its socket reachable only by this user.
//
// Unix: a socket named `agent.sock` in a folder only the user can enter — $XDG_RUNTIME_DIR/cairn
// (a per-user tmpfs on Linux), else `cairn/agent` in the user's cache folder. Both ends check,
// before every use, that the folder is a real directory (not a symlink) owned by this user with no
// access for group or others, and that the socket is owned by this user with mode 0600. Node does
// not expose the peer's credentials (SO_PEERCRED, getpeereid), so the agent cannot ask who
// connected: the folder's permissions are what keep other users out (root can always enter).
//
// Windows: a named pipe whose name carries the user name. Node cannot set the pipe's access list;
// the default one lets other users of the machine open it for reading only, and another account
// could create the name first. What keeps them out there is the handshake (agent-handshake.ts):
// both ends prove they hold the key in the user's own profile before anything is sent. This path
// has not been run by the test suite, which runs on Linux.
import { lstatSync, mkdirSync } from 'node:fs'
import { homedir, userInfo } from 'node:os'
import { join } from 'node:path'
import { CairnError } from '../../core/errors.ts'

export const AGENT_DISABLE_ENV = 'CAIRN_NO_AGENT'

export interface AgentLocation {
  /** The folder to create and check (null for a Windows pipe). */
  dir: string | null
  /** What net.connect / server.listen take. */
  socket: string
  /** The running agent's key, readable by this user only (see agent-handshake.ts). */
  keyFile: string
}

type Env = Record<string, string | undefined>

/** The user's cache folder (where the compile cache and, on macOS, the agent's folder live). */
export function userCacheDir(env: Env = process.env): string {
  if (process.platform === 'win32') return join(env.LOCALAPPDATA || homedir(), 'cairn', 'Cache')
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Caches', 'cairn')
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'cairn')
}

export function agentLocation(env: Env = process.env): AgentLocation {
  if (process.platform === 'win32') {
    const user = userInfo().username.replace(/[^A-Za-z0-9_.-]/g, '_')
    return {
      dir: null,
      socket: `\\\\.\\pipe\\cairn-agent-${user}`,
      keyFile: join(userCacheDir(env), 'agent', 'agent.key'),
    }
  }
  const dir = env.XDG_RUNTIME_DIR
    ? join(env.XDG_RUNTIME_DIR, 'cairn')
    : join(userCacheDir(env), 'agent')
  return { dir, socket: join(dir, 'agent.sock'), keyFile: join(dir, 'agent.key') }
}

export function agentDisabled(env: Env = process.env): boolean {
  const value = env[AGENT_DISABLE_ENV]
  return value !== undefined && value !== '' && value !== '0'
}

function unsafe(message: string): CairnError {
  return new CairnError('UNSUPPORTED', `${message}; the agent is not used`)
}

const mode = (m: number) => (m & 0o777).toString(8).padStart(3, '0')

/** Throws unless `dir` is a directory, not a symlink, owned by this user, closed to others. */
export function checkAgentDir(dir: string): void {
  const st = lstatSync(dir)
  if (st.isSymbolicLink() || !st.isDirectory()) {
    throw unsafe(`the agent folder ${dir} is not a plain directory`)
  }
  if (process.getuid && st.uid !== process.getuid()) {
    throw unsafe(`the agent folder ${dir} belongs to another user (uid ${st.uid})`)
  }
  if ((st.mode & 0o077) !== 0) {
    throw unsafe(
      `the agent folder ${dir} is open to other users (mode ${mode(st.mode)}); chmod 700 it or remove it`,
    )
  }
}

/** Throws unless the socket file is a socket owned by this user with no access for others. */
export function checkAgentSocket(socket: string): void {
  const st = lstatSync(socket)
  if (!st.isSocket()) throw unsafe(`${socket} is not a socket`)
  if (process.getuid && st.uid !== process.getuid()) {
    throw unsafe(`the agent socket ${socket} belongs to another user (uid ${st.uid})`)
  }
  if ((st.mode & 0o077) !== 0) {
    throw unsafe(`the agent socket ${socket} is open to other users (mode ${mode(st.mode)})`)
  }
}

/** Throws unless the agent key is a plain file of this user that no one else may read (Unix). */
export function checkAgentKeyFile(path: string): void {
  const st = lstatSync(path)
  if (!st.isFile()) throw unsafe(`the agent key ${path} is not a plain file`)
  if (process.platform === 'win32') return
  if (process.getuid && st.uid !== process.getuid()) {
    throw unsafe(`the agent key ${path} belongs to another user (uid ${st.uid})`)
  }
  if ((st.mode & 0o077) !== 0) throw unsafe(`the agent key ${path} is readable by other users`)
}

/** Creates the agent's folder (0700) when missing, then checks it as a client would. */
export function prepareAgentDir(location: AgentLocation): void {
  if (location.dir === null) return
  try {
    mkdirSync(location.dir, { recursive: true, mode: 0o700 })
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
  }
  checkAgentDir(location.dir)
}
