// The native dialogs behind the vault settings' Browse… buttons: what they ask Electron for, and
// what they hand back (Electron cannot run here, so its dialog module is played by a recorder).
import { describe, expect, it } from 'vitest'
import { vaultFileDialogs } from '../../../src-main/electron/adapters/electron-ports.ts'

function recorder(answer: { canceled: boolean; filePaths?: string[]; filePath?: string }) {
  const calls: { kind: string; options: Record<string, unknown> }[] = []
  const dialog = {
    showOpenDialog: async (...args: unknown[]) => {
      calls.push({ kind: 'open', options: args.at(-1) as Record<string, unknown> })
      return { canceled: answer.canceled, filePaths: answer.filePaths ?? [] }
    },
    showSaveDialog: async (...args: unknown[]) => {
      calls.push({ kind: 'save', options: args.at(-1) as Record<string, unknown> })
      return { canceled: answer.canceled, filePath: answer.filePath }
    },
  }
  return { calls, dialogs: vaultFileDialogs(dialog as never, () => null) }
}

describe('vault settings file dialogs', () => {
  it('a backup is saved with the .cairnbackup extension; an export keeps its name', async () => {
    const a = recorder({ canceled: false, filePath: '/home/me/Safe/pw' })
    expect(await a.dialogs.chooseSavePath('backup', '/home/me/x.cairnbackup')).toBe(
      '/home/me/Safe/pw.cairnbackup',
    )
    expect(a.calls[0]).toMatchObject({
      kind: 'save',
      options: { defaultPath: '/home/me/x.cairnbackup', title: 'Save a backup' },
    })
    const b = recorder({ canceled: false, filePath: '/tmp/keys.txt' })
    expect(await b.dialogs.chooseSavePath('export', '/tmp/x.txt')).toBe('/tmp/keys.txt')
    expect(String(b.calls[0]?.options.title)).toMatch(/UNENCRYPTED/)
  })

  it('reads a chosen file, picks a folder (creating it if asked), and cancelling gives null', async () => {
    const file = recorder({ canceled: false, filePaths: ['/media/usb/home.cairnbackup'] })
    expect(await file.dialogs.chooseFileToRead()).toBe('/media/usb/home.cairnbackup')
    const folder = recorder({ canceled: false, filePaths: ['/home/me/Cloud/Cairn'] })
    expect(await folder.dialogs.chooseFolder('/home/me')).toBe('/home/me/Cloud/Cairn')
    expect(folder.calls[0]?.options.properties).toEqual(['openDirectory', 'createDirectory'])
    const cancel = recorder({ canceled: true })
    expect(await cancel.dialogs.chooseFileToRead()).toBeNull()
    expect(await cancel.dialogs.chooseFolder('/x')).toBeNull()
    expect(await cancel.dialogs.chooseSavePath('backup', '/x')).toBeNull()
  })
})
