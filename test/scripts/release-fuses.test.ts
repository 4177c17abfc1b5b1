import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses'
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

describe('release fuses', () => {
  it('turn off running as Node, NODE_OPTIONS and --inspect, and lock the app to its asar', async () => {
    const wire = await flipReleaseFuses(binary)
    expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE)
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE)
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE)
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(FuseState.DISABLE)
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(FuseState.ENABLE)
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.ENABLE)
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE)
    // Fuses the release config does not mention keep Electron's default.
    expect(wire[FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]).toBe(FuseState.DISABLE)
    expect(wire[FuseV1Options.WasmTrapHandlers]).toBe(FuseState.ENABLE)
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

  it('leave a binary that was never flipped (dev and test runs) with inspect and run-as-node on', async () => {
    const wire = await getCurrentFuseWire(binary)
    expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.ENABLE)
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.ENABLE)
    expect(RELEASE_FUSES[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false)
  })
})
