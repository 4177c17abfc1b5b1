// Every `cairn` command, in the order `cairn --help` lists them. A new command is one module in
// this folder plus one line here.
import type { CliCommand } from '../cli-types.ts'
import { addLoginCommand } from './add-login.ts'
import { addCommand } from './add.ts'
import { backupCommand } from './backup.ts'
import { codeCommand } from './code.ts'
import { exportCommand } from './export.ts'
import { importCommand } from './import.ts'
import { initCommand } from './init.ts'
import { listCommand } from './list.ts'
import { mergeCommand } from './merge.ts'
import { onetimeCommand } from './onetime.ts'
import { passwdCommand } from './passwd.ts'
import { recoveryCommand } from './recovery.ts'
import { restoreCommand } from './restore.ts'
import { rmCommand } from './rm.ts'
import { rotateKeyCommand } from './rotate-key.ts'
import { scanCommand } from './scan.ts'
import { showCommand } from './show.ts'
import { syncCommand } from './sync.ts'

export const COMMANDS: readonly CliCommand[] = [
  initCommand,
  listCommand,
  addCommand,
  addLoginCommand,
  codeCommand,
  scanCommand,
  importCommand,
  showCommand,
  rmCommand,
  passwdCommand,
  backupCommand,
  restoreCommand,
  mergeCommand,
  syncCommand,
  exportCommand,
  recoveryCommand,
  onetimeCommand,
  rotateKeyCommand,
]
