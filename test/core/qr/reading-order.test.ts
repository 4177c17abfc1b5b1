import { describe, expect, it } from 'vitest'
import { inReadingOrder } from '../../../src-main/core/qr/reading-order.ts'

const box = (name: string, x: number, y: number, size = 100) => ({
  name,
  bounds: { x, y, width: size, height: size },
})

describe('inReadingOrder', () => {
  it('reads rows top to bottom and each row left to right', () => {
    const items = [
      box('row2-right', 600, 420),
      box('row1-right', 500, 40), // a little higher than its left neighbour
      box('row2-left', 100, 400),
      box('row1-left', 100, 60),
      box('row3', 300, 700),
    ]
    expect(inReadingOrder(items).map((i) => i.name)).toEqual([
      'row1-left',
      'row1-right',
      'row2-left',
      'row2-right',
      'row3',
    ])
  })

  it('puts boxes in one row when they overlap by half the shorter height', () => {
    // A small code beside the top of a tall one: one row, so left first.
    const beside = [box('small-right', 400, 0, 40), box('tall-left', 0, 0, 200)]
    expect(inReadingOrder(beside).map((i) => i.name)).toEqual(['tall-left', 'small-right'])
    // Overlapping by only 10 of 40 px: two rows, the higher first.
    const below = [box('small-top', 400, 0, 40), box('tall-left', 0, 30, 200)]
    expect(inReadingOrder(below).map((i) => i.name)).toEqual(['small-top', 'tall-left'])
  })
})
