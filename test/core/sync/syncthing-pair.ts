// Two real Syncthing instances on 127.0.0.1 with separate homes, sharing one folder each: no
// discovery, relays, NAT or usage reporting; started and stopped by PID.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'

export function syncthingVersion(): string | null {
  const r = spawnSync('syncthing', ['--version'], { encoding: 'utf8', timeout: 10_000 })
  return r.status === 0 ? r.stdout.trim() : null
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => resolve(port))
    })
  })
}

interface Node {
  home: string
  folder: string
  deviceId: string
  listenPort: number
  guiPort: number
  apiKey: string
  process: ChildProcess | null
}

function generate(home: string, env: NodeJS.ProcessEnv): string {
  const r = spawnSync('syncthing', ['generate', `--home=${home}`, '--no-default-folder'], {
    encoding: 'utf8',
    env,
    timeout: 30_000,
  })
  const id = /Device ID:\s*([A-Z0-9-]{63})/.exec(`${r.stdout}\n${r.stderr}`)?.[1]
  if (!id) throw new Error(`syncthing generate failed: ${r.stderr || r.stdout}`)
  return id
}

function configXml(me: Node, other: Node): string {
  return `<configuration version="36">
    <folder id="cairn-sync" label="cairn" path="${me.folder}" type="sendreceive" rescanIntervalS="2" fsWatcherEnabled="true" fsWatcherDelayS="1">
        <device id="${me.deviceId}"></device>
        <device id="${other.deviceId}"></device>
    </folder>
    <device id="${me.deviceId}" name="self"><address>dynamic</address></device>
    <device id="${other.deviceId}" name="peer"><address>tcp://127.0.0.1:${other.listenPort}</address></device>
    <gui enabled="true" tls="false">
        <address>127.0.0.1:${me.guiPort}</address>
        <apikey>${me.apiKey}</apikey>
    </gui>
    <options>
        <listenAddress>tcp://127.0.0.1:${me.listenPort}</listenAddress>
        <globalAnnounceEnabled>false</globalAnnounceEnabled>
        <localAnnounceEnabled>false</localAnnounceEnabled>
        <relaysEnabled>false</relaysEnabled>
        <natEnabled>false</natEnabled>
        <urAccepted>-1</urAccepted>
        <startBrowser>false</startBrowser>
        <crashReportingEnabled>false</crashReportingEnabled>
        <autoUpgradeIntervalH>0</autoUpgradeIntervalH>
        <reconnectionIntervalS>1</reconnectionIntervalS>
    </options>
</configuration>
`
}

export interface SyncthingPair {
  folders: [string, string]
  /** Both instances' output, for a failure message. */
  log(): string
  stop(): Promise<void>
}

export async function startSyncthingPair(root: string): Promise<SyncthingPair> {
  // A private HOME: nothing is created in the real one.
  const env = { ...process.env, HOME: root, STNOUPGRADE: '1', STNODEFAULTFOLDER: '1' }
  const nodes: Node[] = []
  for (const name of ['a', 'b']) {
    const home = join(root, `st-${name}`)
    const folder = join(root, `folder-${name}`)
    mkdirSync(join(folder, '.stfolder'), { recursive: true })
    nodes.push({
      home,
      folder,
      deviceId: generate(home, env),
      listenPort: await freePort(),
      guiPort: await freePort(),
      apiKey: randomBytes(16).toString('hex'),
      process: null,
    })
  }
  const [a, b] = nodes as [Node, Node]
  writeFileSync(join(a.home, 'config.xml'), configXml(a, b))
  writeFileSync(join(b.home, 'config.xml'), configXml(b, a))
  let output = ''
  for (const n of nodes) {
    n.process = spawn(
      'syncthing',
      ['serve', `--home=${n.home}`, '--no-browser', '--no-restart', '--no-upgrade'],
      { env, stdio: ['ignore', 'pipe', 'pipe'] },
    )
    n.process.stdout!.on('data', (d: Buffer) => (output += d.toString()))
    n.process.stderr!.on('data', (d: Buffer) => (output += d.toString()))
  }
  return {
    folders: [a.folder, b.folder],
    log: () => output.slice(-4000),
    async stop() {
      await Promise.all(
        nodes.map(
          (n) =>
            new Promise<void>((resolve) => {
              const p = n.process
              if (!p || p.exitCode !== null || p.pid === undefined) return resolve()
              const timer = setTimeout(() => process.kill(p.pid!, 'SIGKILL'), 5000)
              p.once('exit', () => {
                clearTimeout(timer)
                resolve()
              })
              process.kill(p.pid, 'SIGTERM')
            }),
        ),
      )
    },
  }
}
