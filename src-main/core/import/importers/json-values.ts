// Small readers for untrusted JSON: anything of the wrong type reads as empty, so a format
// module states what it expects once and a foreign or damaged file never throws a TypeError.
export type Json = Record<string, unknown>

export const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v)
export const text = (v: unknown): string => (typeof v === 'string' ? v : '')
export const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : [])
export const objects = (v: unknown): Json[] => list(v).filter(isObject)
export const field = (v: unknown, key: string): unknown => (isObject(v) ? v[key] : undefined)
