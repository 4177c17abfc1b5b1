// Every IPC channel of the one contract in src-shared.
import { apiChannels } from '../../../src-shared/ipc-contract.ts'

export async function contractChannels(): Promise<string[]> {
  return apiChannels()
    .map((c) => c.channel)
    .sort()
}
