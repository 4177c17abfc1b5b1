import { expect, it } from 'vitest'
// @ts-expect-error -- the module this fixture fails to import
import { gone } from './module-that-was-deleted.ts'

it('never runs: the file does not load', () => expect(gone).toBeDefined())
