// Every `cairn` command, in the order `cairn --help` lists them. A new command is one module in
// this folder plus one line here.
import type { CliCommand } from '../cli-types.ts'
import { addLoginCommand } from './add-login.ts'
import { addCommand } from './add.ts'
import { codeCommand } from './code.ts'
import { importCommand } from './import.ts'
import { initCommand } from './init.ts'
import { listCommand } from './list.ts'
import { passwdCommand } from './passwd.ts'
import { rmCommand } from './rm.ts'
import { scanCommand } from './scan.ts'
import { showCommand } from './show.ts'

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
]
