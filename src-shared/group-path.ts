// Group paths: the names of a group and its parents, from the top ("Work", "Servers"). Shared by
// the vault (which stores them inside the encrypted item), the command line (which spells them
// "Work/Servers") and the window (which draws the tree). A name may hold any printable text but
// "/", which separates names when a path is written as one line.

export type GroupPath = readonly string[]

export const GROUP_SEPARATOR = '/'
export const MAX_GROUP_DEPTH = 16
export const MAX_GROUP_NAME = 120

// Control and format characters would make one name look like another, or like none.
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/u
const UNPRINTABLE_ALL = new RegExp(UNPRINTABLE.source, 'gu')

/** Why `name` cannot be a group name, or null when it can. Written for a person. */
export function groupNameProblem(name: string): string | null {
  if (name.trim() === '') return 'A group name cannot be empty'
  if (name !== name.trim()) return 'A group name cannot start or end with a space'
  if (name.includes(GROUP_SEPARATOR)) return 'A group name cannot contain "/"'
  if (UNPRINTABLE.test(name)) return 'A group name cannot contain control characters'
  if (name.length > MAX_GROUP_NAME)
    return `A group name can be at most ${MAX_GROUP_NAME} characters long`
  return null
}

/** Why `path` is not a group path, or null. An empty path is the top level, never a group. */
export function groupPathProblem(path: unknown): string | null {
  if (!Array.isArray(path)) return 'A group must be a list of names'
  if (path.length === 0) return 'A group needs at least one name'
  if (path.length > MAX_GROUP_DEPTH) return `Groups can nest at most ${MAX_GROUP_DEPTH} deep`
  for (const name of path) {
    if (typeof name !== 'string') return 'A group name must be text'
    const problem = groupNameProblem(name)
    if (problem) return problem
  }
  return null
}

/** "Work/Servers". */
export function groupPathText(path: GroupPath): string {
  return path.join(GROUP_SEPARATOR)
}

/** "Work / Servers": for people, where a slash could be read as part of a name. */
export function groupPathLabel(path: GroupPath | undefined): string {
  return path && path.length ? path.join(' / ') : 'Top level'
}

/**
 * The path a person or a source file wrote as one line ("Work/Servers", " Work / Servers /"):
 * names trimmed, empty ones dropped, so "" and "/" are the top level (an empty path).
 */
export function parseGroupPath(text: string): string[] {
  return text
    .split(GROUP_SEPARATOR)
    .map((name) => name.replace(UNPRINTABLE_ALL, '').trim())
    .filter((name) => name !== '')
}

/**
 * A source's folder name made into one Cairn group name: unprintable characters dropped, a "/"
 * inside a name (KeePass allows it) turned into a look-alike that is not the separator, and cut
 * to the longest allowed name. Null when nothing is left.
 */
export function groupNameFrom(sourceName: string): string | null {
  const name = sourceName
    .replace(UNPRINTABLE_ALL, '')
    .replaceAll(GROUP_SEPARATOR, '\u2215')
    .trim()
    .slice(0, MAX_GROUP_NAME)
    .trim()
  return name === '' ? null : name
}

export function sameGroupPath(a: GroupPath | undefined, b: GroupPath | undefined): boolean {
  const x = a ?? []
  const y = b ?? []
  return x.length === y.length && x.every((name, i) => name === y[i])
}

/** True when `path` is `ancestor` or lies inside it. */
export function isWithinGroup(path: GroupPath | undefined, ancestor: GroupPath): boolean {
  const p = path ?? []
  return p.length >= ancestor.length && ancestor.every((name, i) => name === p[i])
}

/** `path` with its leading `from` replaced by `to` (a rename or move of `from`). */
export function reparentedPath(path: GroupPath, from: GroupPath, to: GroupPath): string[] {
  return [...to, ...path.slice(from.length)]
}

/** One group in the tree: its own items and, in `total`, those of every group inside it too. */
export interface GroupNode {
  name: string
  path: string[]
  count: number
  total: number
  children: GroupNode[]
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true })

/**
 * The tree of groups from the groups kept on their own and the groups the items sit in (with
 * every parent of each), names sorted as a person reads them.
 */
export function groupTree(
  keptGroups: readonly GroupPath[],
  itemGroups: readonly (GroupPath | undefined)[],
): GroupNode[] {
  const top: GroupNode[] = []
  const nodeAt = (path: GroupPath): GroupNode | null => {
    let level = top
    let node: GroupNode | null = null
    for (let i = 0; i < path.length; i++) {
      const name = path[i]!
      let next = level.find((n) => n.name === name)
      if (!next) {
        next = { name, path: path.slice(0, i + 1), count: 0, total: 0, children: [] }
        level.push(next)
      }
      node = next
      level = next.children
    }
    return node
  }
  for (const path of keptGroups) nodeAt(path)
  for (const path of itemGroups) {
    if (!path || path.length === 0) continue
    nodeAt(path)!.count++
    for (let i = 1; i <= path.length; i++) nodeAt(path.slice(0, i))!.total++
  }
  const sort = (nodes: GroupNode[]) => {
    nodes.sort((a, b) => collator.compare(a.name, b.name) || (a.name < b.name ? -1 : 1))
    for (const n of nodes) sort(n.children)
  }
  sort(top)
  return top
}

/** The tree's groups in reading order (parents before children), each with its depth from 0. */
export function flattenGroupTree(
  nodes: readonly GroupNode[],
): { node: GroupNode; depth: number }[] {
  const out: { node: GroupNode; depth: number }[] = []
  const walk = (list: readonly GroupNode[], depth: number) => {
    for (const node of list) {
      out.push({ node, depth })
      walk(node.children, depth + 1)
    }
  }
  walk(nodes, 0)
  return out
}
