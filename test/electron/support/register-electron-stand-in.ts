// `node --import ./register-electron-stand-in.ts …`: resolves `electron` (import or require) to
// the recording stand-in, in this thread. Nothing in the bundle is changed; every other
// specifier resolves as Node would resolve it for the bundle.
import { registerHooks } from 'node:module'

const standIn = new URL('./electron-stand-in.ts', import.meta.url).href

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier === 'electron') return { url: standIn, format: 'module', shortCircuit: true }
    return nextResolve(specifier, context)
  },
})
