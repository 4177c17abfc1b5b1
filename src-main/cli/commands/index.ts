// Every `cairn` command, in the order `cairn --help` lists them. Only the names and one-line
// summaries live here: a command's own module (options, help, code and everything it imports) is
// loaded when that command runs, so `cairn code` never pays for `scan` or `backup`.
// A new command is one module in this folder plus one entry here.
import type { CommandEntry } from '../cli-types.ts'

export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'init',
    summary: 'create a new vault file',
    load: async () => (await import('./init.ts')).initCommand,
  },
  {
    name: 'list',
    viaAgent: true,
    summary: 'list the items in a vault (never their secrets)',
    load: async () => (await import('./list.ts')).listCommand,
  },
  {
    name: 'add',
    viaAgent: true,
    summary: 'add a 2FA key from an otpauth:// URI',
    load: async () => (await import('./add.ts')).addCommand,
  },
  {
    name: 'add-login',
    viaAgent: true,
    summary: 'add a login (title, username, URL, password)',
    load: async () => (await import('./add-login.ts')).addLoginCommand,
  },
  {
    name: 'code',
    viaAgent: true,
    summary: 'print the current code of a 2FA key (or of all of them)',
    load: async () => (await import('./code.ts')).codeCommand,
  },
  {
    name: 'scan',
    summary: 'show what the QR codes in images hold (stores nothing)',
    load: async () => (await import('./scan.ts')).scanCommand,
  },
  {
    name: 'import',
    summary: 'add the items of other apps’ exports, QR code images and otpauth URI files',
    load: async () => (await import('./import.ts')).importCommand,
  },
  {
    name: 'show',
    viaAgent: true,
    summary: 'show one item; secrets stay hidden unless --reveal',
    load: async () => (await import('./show.ts')).showCommand,
  },
  {
    name: 'rm',
    viaAgent: true,
    summary: 'move an item to the trash (--purge: delete it for good)',
    load: async () => (await import('./rm.ts')).rmCommand,
  },
  {
    name: 'add-codes',
    viaAgent: true,
    summary: 'save recovery codes (from standard input, one per line)',
    load: async () => (await import('./add-codes.ts')).addCodesCommand,
  },
  {
    name: 'use-code',
    viaAgent: true,
    summary: 'mark a recovery code used and say how many remain',
    load: async () => (await import('./use-code.ts')).useCodeCommand,
  },
  {
    name: 'add-note',
    viaAgent: true,
    summary: 'add a secure note (text from standard input)',
    load: async () => (await import('./add-note.ts')).addNoteCommand,
  },
  {
    name: 'edit',
    viaAgent: true,
    summary: 'change an item’s title, username, URLs, tags or notes (secrets from stdin or a file)',
    load: async () => (await import('./edit.ts')).editCommand,
  },
  {
    name: 'trash',
    viaAgent: true,
    summary: 'list the items in the trash',
    load: async () => (await import('./trash.ts')).trashCommand,
  },
  {
    name: 'restore-item',
    viaAgent: true,
    summary: 'take an item back out of the trash',
    load: async () => (await import('./restore-item.ts')).restoreItemCommand,
  },
  {
    name: 'link',
    viaAgent: true,
    summary: 'link a login to its 2FA key (in the same or another vault)',
    load: async () => (await import('./link.ts')).linkCommand,
  },
  {
    name: 'health',
    viaAgent: true,
    summary:
      'weak, reused and old passwords, missing 2FA links and recovery codes, items not backed up',
    load: async () => (await import('./health.ts')).healthCommand,
  },
  {
    name: 'passwd',
    summary: 'change the master password',
    load: async () => (await import('./passwd.ts')).passwdCommand,
  },
  {
    name: 'backup',
    summary: 'write an encrypted backup of a vault to one file',
    load: async () => (await import('./backup.ts')).backupCommand,
  },
  {
    name: 'restore',
    summary: 'restore a backup into a new vault file',
    load: async () => (await import('./restore.ts')).restoreCommand,
  },
  {
    name: 'merge',
    summary: 'merge another copy of a vault (a vault file or a backup) into VAULT',
    load: async () => (await import('./merge.ts')).mergeCommand,
  },
  {
    name: 'sync',
    summary: 'keep one vault on several computers through a folder a sync tool shares',
    load: async () => (await import('./sync.ts')).syncCommand,
  },
  {
    name: 'export',
    summary:
      'export for another app: a KeePass database or an Aegis file (encrypted), otpauth URIs or CSV',
    load: async () => (await import('./export.ts')).exportCommand,
  },
  {
    name: 'recovery',
    summary: 'create, list or revoke recovery keys',
    load: async () => (await import('./recovery.ts')).recoveryCommand,
  },
  {
    name: 'onetime',
    summary: 'one-time unlock codes for untrusted computers',
    load: async () => (await import('./onetime.ts')).onetimeCommand,
  },
  {
    name: 'rotate-key',
    summary: 'new vault key: re-encrypt everything, cut off every old credential',
    load: async () => (await import('./rotate-key.ts')).rotateKeyCommand,
  },
  {
    name: 'unlock',
    summary: 'keep a vault unlocked in the agent for a while, so commands skip the password',
    load: async () => (await import('./unlock.ts')).unlockCommand,
  },
  {
    name: 'lock',
    summary: 'lock a vault the agent holds (or all of them)',
    load: async () => (await import('./lock.ts')).lockCommand,
  },
  {
    name: 'status',
    summary: 'which vaults the agent holds unlocked, and until when',
    load: async () => (await import('./status.ts')).statusCommand,
  },
  {
    name: 'completion',
    summary: 'shell completion for bash, zsh or fish',
    load: async () => (await import('./completion.ts')).completionCommand,
  },
  {
    name: 'accept-current',
    summary: "accept the vault's current contents after a rollback or damage report",
    load: async () => (await import('./accept-current.ts')).acceptCurrentCommand,
  },
]
