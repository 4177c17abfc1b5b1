#!/usr/bin/env node
// The `cairn` command. The CLI is TypeScript, run directly by Node's type stripping (Node 24).
const major = Number(process.versions.node.split('.')[0])
if (major < 24) {
  process.stderr.write(
    `cairn: needs Node 24 or later (this is Node ${process.versions.node}); ` +
      'the project brings one: export PATH=$PWD/.toolchain/node-24.21.0/bin:$PATH\n',
  )
  process.exit(1)
}
await import('../src-main/cli/main.ts')
