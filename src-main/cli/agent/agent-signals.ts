// How a command run inside the agent tells the agent to hand the work back to the `cairn`
// process: the vault is not held, the command needs the terminal, or it needs standard input
// that the client has not sent yet. These never reach a person.

export class RunHereSignal extends Error {
  constructor() {
    super('run in the cairn process')
    this.name = 'RunHereSignal'
  }
}

export class NeedStdinSignal extends Error {
  constructor() {
    super('send standard input')
    this.name = 'NeedStdinSignal'
  }
}

export const isAgentSignal = (e: unknown): e is RunHereSignal | NeedStdinSignal =>
  e instanceof RunHereSignal || e instanceof NeedStdinSignal
