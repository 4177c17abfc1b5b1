// The sidebar's group tree as React renders it: a WAI-ARIA tree with one treeitem per group in
// reading order, levels, open state, the chosen group selected, one tab stop, and each name read
// with its count; and the move dialog's path parsing the editor and the dialog share.
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { groupTree, parseGroupPath } from '../../../src-shared/group-path.ts'
import { GroupTree } from '../../../src-renderer/src/groups/GroupTree.tsx'
import { nodeAt } from '../../../src-renderer/src/groups/useGroups.ts'

const noop = () => undefined

function render(shown: string[] | null): string {
  const tree = groupTree(
    [['Work', 'Servers'], ['Archive']],
    [['Work'], ['Work', 'Servers'], ['Work', 'Servers'], undefined],
  )
  return renderToStaticMarkup(
    <GroupTree
      vaultId="v1"
      tree={tree}
      topCount={1}
      shown={shown}
      onShow={noop}
      onDrop={noop}
      onNew={noop}
      onRename={noop}
      onDelete={noop}
    />,
  )
}

/** Each treeitem's level, open state, selection, tab stop and the text it is read as. */
function items(html: string) {
  return [...html.matchAll(/<li ([^>]*)>(.*?)<\/li>/g)].map(([, attrs, inner]) => ({
    level: /aria-level="(\d+)"/.exec(attrs!)?.[1],
    expanded: /aria-expanded="(\w+)"/.exec(attrs!)?.[1] ?? null,
    selected: /aria-selected="(\w+)"/.exec(attrs!)?.[1],
    tabIndex: /tabindex="(-?\d)"/i.exec(attrs!)?.[1],
    text: inner!
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  }))
}

describe('GroupTree', () => {
  it('is a tree of every group, with levels, counts and one tab stop', () => {
    const html = render(['Work'])
    expect(html).toMatch(/<ul role="tree" aria-labelledby="groups-heading"/)
    expect(items(html)).toEqual([
      { level: '1', expanded: null, selected: 'false', tabIndex: '0', text: 'Top level 1 items' },
      { level: '1', expanded: null, selected: 'false', tabIndex: '-1', text: 'Archive 0 items' },
      { level: '1', expanded: 'true', selected: 'true', tabIndex: '-1', text: '▾ Work 3 items' },
      { level: '2', expanded: null, selected: 'false', tabIndex: '-1', text: 'Servers 2 items' },
    ])
  })

  it('offers rename and delete only for a chosen group, never for the top level', () => {
    const disabled = (html: string, name: string) =>
      new RegExp(`<button[^>]*disabled[^>]*>${name}</button>`).test(html)
    expect(disabled(render(null), 'Rename')).toBe(true)
    expect(disabled(render([]), 'Delete')).toBe(true)
    expect(disabled(render(['Work', 'Servers']), 'Rename')).toBe(false)
  })
})

describe('group paths typed by a person', () => {
  it('reads "Work / Servers" as two names and "" or "/" as the top level', () => {
    expect(parseGroupPath(' Work / Servers /')).toEqual(['Work', 'Servers'])
    expect(parseGroupPath('')).toEqual([])
    expect(parseGroupPath('/')).toEqual([])
  })

  it('finds a node by its path', () => {
    const tree = groupTree([['A', 'B']], [])
    expect(nodeAt(tree, ['A', 'B'])?.name).toBe('B')
    expect(nodeAt(tree, ['A', 'C'])).toBeNull()
  })
})
