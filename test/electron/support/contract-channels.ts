// Every IPC channel of the contract in src-shared: the vault API's, and the desktop shell's
// wherever they are declared (their own contract file, or the one contract).
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { apiChannels } from '../../../src-shared/ipc-contract.ts'

type ChannelList = () => { area: string; method: string; channel: string }[]

export async function contractChannels(): Promise<string[]> {
  const channels = new Set(apiChannels().map((c) => c.channel))
  const shellContract = join(import.meta.dirname, '../../../src-shared/shell-contract.ts')
  if (existsSync(shellContract)) {
    const shell = (await import(pathToFileURL(shellContract).href)) as {
      shellChannels: ChannelList
    }
    for (const c of shell.shellChannels()) channels.add(c.channel)
  }
  return [...channels].sort()
}
