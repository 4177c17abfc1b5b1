import { describe, expect, it } from 'vitest'
import { isCairnError } from '../../src-main/core/errors.ts'
import * as v from '../../src-main/services/validate.ts'

function rejects(fn: () => unknown, pathPart: string) {
  try {
    fn()
  } catch (error) {
    expect(isCairnError(error, 'INVALID_ARGUMENT')).toBe(true)
    expect((error as Error).message).toContain(pathPart)
    return
  }
  throw new Error('expected a validation error')
}

describe('validate', () => {
  const login = v.object({
    title: v.string({ max: 5 }),
    password: v.optional(v.string()),
    tags: v.array(v.string(), { max: 2 }),
  })

  it('accepts a matching object and leaves out absent optional properties', () => {
    expect(login({ title: 'Mail', tags: ['a'] }, 'input')).toEqual({ title: 'Mail', tags: ['a'] })
    expect(login({ title: 'Mail', tags: [], password: 'pw' }, 'input')).toEqual({
      title: 'Mail',
      tags: [],
      password: 'pw',
    })
  })

  it('names the path of the wrong property', () => {
    rejects(() => login({ title: 7, tags: [] }, 'input'), 'input.title')
    rejects(() => login({ title: 'toolong', tags: [] }, 'input'), 'at most 5')
    rejects(() => login({ title: 'a', tags: ['x', 'y', 'z'] }, 'input'), 'input.tags')
    rejects(() => login({ title: 'a', tags: [1] }, 'input'), 'input.tags[0]')
  })

  it('rejects unknown properties, arrays and class instances where an object is expected', () => {
    rejects(() => login({ title: 'a', tags: [], admin: true }, 'input'), 'input.admin')
    rejects(() => login([], 'input'), 'an object')
    rejects(() => login(new Date(), 'input'), 'an object')
  })

  it('never quotes the rejected value (it may be a password)', () => {
    try {
      v.object({ n: v.integer() })({ n: 'hunter2-secret' }, 'x')
    } catch (error) {
      expect((error as Error).message).not.toContain('hunter2')
    }
    expect.assertions(1)
  })

  it('checks integers, literals and binary data', () => {
    expect(v.integer({ min: 1, max: 3 })(2, 'n')).toBe(2)
    rejects(() => v.integer()(1.5, 'n'), 'an integer')
    rejects(() => v.integer({ min: 1, max: 3 })(4, 'n'), 'from 1 to 3')
    expect(v.oneOf('a', 'b')('b', 'k')).toBe('b')
    rejects(() => v.oneOf('a', 'b')('c', 'k'), 'one of a, b')
    expect(v.bytes({ max: 4 })(new Uint8Array(4), 'b')).toHaveLength(4)
    rejects(() => v.bytes({ max: 4 })(new Uint8Array(5), 'b'), 'at most 4 bytes')
    rejects(() => v.bytes({ max: 4 })([1, 2], 'b'), 'binary data')
  })

  it('picks the variant by its tag', () => {
    const ref = v.variant('kind', {
      password: v.object({ kind: v.oneOf('password') }),
      field: v.object({ kind: v.oneOf('field'), index: v.integer({ min: 0 }) }),
    })
    expect(ref({ kind: 'field', index: 2 }, 'ref')).toEqual({ kind: 'field', index: 2 })
    rejects(() => ref({ kind: 'secret' }, 'ref'), 'ref.kind')
    rejects(() => ref({ kind: 'field' }, 'ref'), 'ref.index')
  })

  it('checks the argument count of a call', () => {
    const two = v.args(v.string(), v.integer())
    expect(two(['a', 1], 'call')).toEqual(['a', 1])
    rejects(() => two(['a'], 'call'), '2 argument(s)')
    rejects(() => two(['a', 'b'], 'call'), 'argument 2')
    rejects(() => two('a', 'call'), 'an argument list')
  })
})
