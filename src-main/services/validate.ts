// A small validation layer for arguments that arrive from the renderer. Each validator checks an
// `unknown` and returns it typed, or throws INVALID_ARGUMENT naming the path that is wrong. Error
// messages never quote the value: it may be a password.
import { CairnError } from '../core/errors.ts'

export type Validator<T> = (input: unknown, path: string) => T

export type Infer<V> = V extends Validator<infer T> ? T : never

function fail(path: string, expected: string): never {
  throw new CairnError('INVALID_ARGUMENT', `${path}: expected ${expected}`)
}

export function string(options: { min?: number; max?: number } = {}): Validator<string> {
  const { min = 0, max = 10_000 } = options
  return (input, path) => {
    if (typeof input !== 'string') fail(path, 'a string')
    if (input.length < min) fail(path, min === 1 ? 'a non-empty string' : `at least ${min} chars`)
    if (input.length > max) fail(path, `at most ${max} characters`)
    return input
  }
}

export function integer(options: { min?: number; max?: number } = {}): Validator<number> {
  const { min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER } = options
  return (input, path) => {
    if (typeof input !== 'number' || !Number.isSafeInteger(input)) fail(path, 'an integer')
    if (input < min || input > max) fail(path, `an integer from ${min} to ${max}`)
    return input
  }
}

export const boolean: Validator<boolean> = (input, path) => {
  if (typeof input !== 'boolean') fail(path, 'true or false')
  return input
}

export function oneOf<const T extends readonly (string | number | boolean)[]>(
  ...values: T
): Validator<T[number]> {
  return (input, path) => {
    if (!values.includes(input as T[number])) fail(path, `one of ${values.join(', ')}`)
    return input as T[number]
  }
}

export function array<T>(item: Validator<T>, options: { max?: number } = {}): Validator<T[]> {
  const { max = 100_000 } = options
  return (input, path) => {
    if (!Array.isArray(input)) fail(path, 'an array')
    if (input.length > max) fail(path, `at most ${max} entries`)
    return input.map((value, i) => item(value, `${path}[${i}]`))
  }
}

export function nullable<T>(inner: Validator<T>): Validator<T | null> {
  return (input, path) => (input === null ? null : inner(input, path))
}

/** Binary data: a Uint8Array (Electron's structured clone and the harness both deliver one). */
export function bytes(options: { max: number }): Validator<Uint8Array> {
  return (input, path) => {
    if (!(input instanceof Uint8Array)) fail(path, 'binary data')
    if (input.byteLength > options.max) fail(path, `at most ${options.max} bytes`)
    return input
  }
}

// Optional object properties are marked by wrapping their validator.
interface OptionalValidator<T> {
  optional: Validator<T>
}

export function optional<T>(inner: Validator<T>): OptionalValidator<T> {
  return { optional: inner }
}

type Shape = Record<string, Validator<unknown> | OptionalValidator<unknown>>

type RequiredKeys<S extends Shape> = {
  [K in keyof S]: S[K] extends OptionalValidator<unknown> ? never : K
}[keyof S]
type OptionalKeys<S extends Shape> = Exclude<keyof S, RequiredKeys<S>>
type ValueOf<V> =
  V extends OptionalValidator<infer T> ? T : V extends Validator<infer T> ? T : never

export type ObjectOf<S extends Shape> = { [K in RequiredKeys<S>]: ValueOf<S[K]> } & {
  [K in OptionalKeys<S>]?: ValueOf<S[K]>
}

function isPlainObject(input: unknown): input is Record<string, unknown> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return false
  const proto: unknown = Object.getPrototypeOf(input)
  return proto === Object.prototype || proto === null
}

/** A plain object with exactly these keys (unknown keys are rejected, not ignored). */
export function object<S extends Shape>(shape: S): Validator<ObjectOf<S>> {
  return (input, path) => {
    if (!isPlainObject(input)) fail(path, 'an object')
    for (const key of Object.keys(input)) {
      if (!Object.hasOwn(shape, key)) fail(`${path}.${key}`, 'no such property')
    }
    const out: Record<string, unknown> = {}
    for (const [key, rule] of Object.entries(shape)) {
      const value = input[key]
      if (typeof rule === 'function') {
        out[key] = rule(value, `${path}.${key}`)
      } else if (value !== undefined) {
        out[key] = rule.optional(value, `${path}.${key}`)
      }
    }
    return out as ObjectOf<S>
  }
}

/** A union of objects told apart by one literal property. */
export function variant<K extends string, M extends Record<string, Validator<unknown>>>(
  key: K,
  members: M,
): Validator<Infer<M[keyof M]>> {
  return (input, path) => {
    if (!isPlainObject(input)) fail(path, 'an object')
    const tag = input[key]
    if (typeof tag !== 'string' || !Object.hasOwn(members, tag)) {
      fail(`${path}.${key}`, `one of ${Object.keys(members).join(', ')}`)
    }
    const member = members[tag] as Validator<unknown>
    return member(input, path) as Infer<M[keyof M]>
  }
}

type TupleOf<T extends Validator<unknown>[]> = { [I in keyof T]: Infer<T[I]> }

/** The argument list of one call: exactly this many arguments. */
export function args<T extends Validator<unknown>[]>(...items: T): Validator<TupleOf<T>> {
  return (input, path) => {
    if (!Array.isArray(input)) fail(path, 'an argument list')
    if (input.length !== items.length) fail(path, `${items.length} argument(s)`)
    return items.map((item, i) => item(input[i], `argument ${i + 1}`)) as TupleOf<T>
  }
}
