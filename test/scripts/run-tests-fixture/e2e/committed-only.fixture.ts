import { expect, test } from '@playwright/test'

test.only('the one test a stray .only keeps', () => expect(1).toBe(1))
test('a test the .only would hide', () => expect(1).toBe(1))
