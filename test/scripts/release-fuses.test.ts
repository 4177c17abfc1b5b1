import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { FuseV1Options } from '@electron/fuses'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { flipReleaseFuses, RELEASE_FUSES } from '../../scripts/release-fuses.ts'

// The fuse wire as Electron's build embeds it: a sentinel, the wire version, the wire length,
// then one byte per fuse ('0' off, '1' on). A stock Electron ships every fuse in its default.
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
// Electron's defaults: run-as-node, NODE_OPTIONS, --inspect, file:// privileges and Wasm trap
// handlers on; cookie encryption, asar integrity, asar-only and the browser V8 snapshot off.
const STOCK_WIRE = '101100011'

let dir: string
let binary: string
let before: Buffer

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cairn-fuses-'))
  binary = join(dir, 'electron')
  // Synthetic stand-in for the Electron executable: code bytes around the wire.
  before = Buffer.concat([
    randomBytes(64 * 1024),
    Buffer.from(SENTINEL),
    Buffer.from([1, STOCK_WIRE.length]),
    Buffer.from(STOCK_WIRE),
    randomBytes(64 * 1024),
  ])
  writeFileSync(binary, before)
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

/**
 * The fuse wire read straight from the file, without @electron/fuses (which wrote it): the bytes
 * after the sentinel, its version and its length, as '0' (off) and '1' (on) characters.
 */
function wireOnDisk(path: string): string {
  const bytes = readFileSync(path)
  const at = bytes.indexOf(SENTINEL)
  expect(at, 'fuse sentinel').toBeGreaterThanOrEqual(0)
  const start = at + SENTINEL.length
  expect(bytes[start], 'wire version').toBe(1)
  const length = bytes[start + 1] as number
  return bytes.subarray(start + 2, start + 2 + length).toString('latin1')
}

// Electron's documented fuse order (wire version 1), by position.
const FUSE_AT = {
  runAsNode: 0,
  cookieEncryption: 1,
  nodeOptions: 2,
  nodeCliInspect: 3,
  asarIntegrity: 4,
  onlyLoadAppFromAsar: 5,
  browserV8Snapshot: 6,
  fileProtocolPrivileges: 7,
  wasmTrapHandlers: 8,
}

describe('release fuses', () => {
  it('turn off running as Node, NODE_OPTIONS and --inspect, and lock the app to its asar', async () => {
    await flipReleaseFuses(binary)
    const wire = wireOnDisk(binary)
    expect(wire[FUSE_AT.runAsNode]).toBe('0')
    expect(wire[FUSE_AT.nodeOptions]).toBe('0')
    expect(wire[FUSE_AT.nodeCliInspect]).toBe('0')
    expect(wire[FUSE_AT.fileProtocolPrivileges]).toBe('0')
    expect(wire[FUSE_AT.cookieEncryption]).toBe('1')
    expect(wire[FUSE_AT.asarIntegrity]).toBe('1')
    expect(wire[FUSE_AT.onlyLoadAppFromAsar]).toBe('1')
    // Fuses the release config does not mention keep Electron's default.
    expect(wire[FUSE_AT.browserV8Snapshot]).toBe('0')
    expect(wire[FUSE_AT.wasmTrapHandlers]).toBe('1')
    expect(wire).toBe('010011001')
  })

  it('report the wire they left, as it is on disk', async () => {
    const reported = await flipReleaseFuses(binary)
    const onDisk = wireOnDisk(binary)
    for (const [name, at] of Object.entries(FUSE_AT)) {
      const state = (reported as unknown as Record<number, number>)[at]
      expect(String.fromCharCode(Number(state)), name).toBe(onDisk[at])
    }
  })

  it('change only the wire bytes of the binary', async () => {
    await flipReleaseFuses(binary)
    const after = readFileSync(binary)
    expect(after.length).toBe(before.length)
    const wireStart = 64 * 1024 + SENTINEL.length + 2
    const changed: number[] = []
    for (let i = 0; i < after.length; i++) if (after[i] !== before[i]) changed.push(i)
    expect(changed.every((i) => i >= wireStart && i < wireStart + STOCK_WIRE.length)).toBe(true)
    expect(changed.length).toBeGreaterThan(0)
  })

  it('leave a binary that was never flipped (dev and test runs) with inspect and run-as-node on', () => {
    const wire = wireOnDisk(binary)
    expect(wire[FUSE_AT.runAsNode]).toBe('1')
    expect(wire[FUSE_AT.nodeCliInspect]).toBe('1')
    expect(RELEASE_FUSES[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false)
  })
})
