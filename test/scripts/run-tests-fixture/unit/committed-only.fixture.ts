import { expect, it } from 'vitest'

it.only('the one test a stray .only keeps', () => expect(1).toBe(1))
it('a test the .only would hide', () => expect(1).toBe(1))
