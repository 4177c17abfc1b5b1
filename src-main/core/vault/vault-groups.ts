// Groups of one vault: the tree a person sees, and the changes they make to it. A group exists
// while an item sits in it or in a group inside it, or while it is kept on its own (created as a
// group, imported, or the target of a move); see GroupData. Each change is one transaction.
import {
  groupPathLabel,
  groupPathProblem,
  groupTree,
  isWithinGroup,
  reparentedPath,
  sameGroupPath,
  type GroupNode,
  type GroupPath,
} from '../../../src-shared/group-path.ts'
import { CairnError } from '../errors.ts'
import type { UnlockedVault } from './vault-api.ts'

export type GroupedVault = Pick<UnlockedVault, 'list' | 'groups' | 'regroup'>

function checked(path: GroupPath): string[] {
  const problem = groupPathProblem(path)
  if (problem) throw new CairnError('INVALID_ARGUMENT', problem)
  return [...path]
}

/** The vault's group tree, with how many live items each group holds. */
export function vaultGroupTree(vault: Pick<UnlockedVault, 'list' | 'groups'>): GroupNode[] {
  return groupTree(
    vault.groups().map((g) => g.data.path),
    vault.list().items.map((r) => r.data.group),
  )
}

/** True when the group exists: kept, or holding an item (trash included) somewhere inside it. */
export function groupExists(
  vault: Pick<UnlockedVault, 'list' | 'groups'>,
  path: GroupPath,
): boolean {
  return (
    vault.groups().some((g) => isWithinGroup(g.data.path, path)) ||
    vault.list({ includeTrash: true }).items.some((r) => isWithinGroup(r.data.group, path))
  )
}

/** The kept-group changes that make `paths` last while empty, for those nothing keeps yet. */
function keeping(vault: GroupedVault, paths: readonly GroupPath[]): string[][] {
  // Most writes touch no group: they must not read the vault's rows for nothing.
  if (paths.every((p) => p.length === 0)) return []
  const kept = vault.groups().map((g) => g.data.path)
  const out: string[][] = []
  for (const path of paths) {
    if (path.length === 0) continue
    if ([...kept, ...out].some((k) => sameGroupPath(k, path))) continue
    out.push([...path])
  }
  return out
}

/** A new, empty group. CONFLICT when it exists already. */
export function createGroup(vault: GroupedVault, path: GroupPath): void {
  const clean = checked(path)
  if (groupExists(vault, clean)) {
    throw new CairnError('CONFLICT', `The group ${groupPathLabel(clean)} exists already`)
  }
  vault.regroup({ add: [clean] })
}

/**
 * Makes sure the groups at `paths` are kept, so they stay when their items move out: an edit
 * keeps the group an item left and the one it went to. The top level (an empty path) is skipped.
 */
export function keepGroups(vault: GroupedVault, ...paths: (GroupPath | undefined)[]): void {
  const add = keeping(
    vault,
    paths.flatMap((p) => (p && p.length ? [checked(p)] : [])),
  )
  if (add.length) vault.regroup({ add })
}

/**
 * Puts items into the group at `path` (an empty path is the top level). The group and those the
 * items left are kept from then on. Returns how many items changed group.
 */
export function moveItems(vault: GroupedVault, ids: readonly string[], path: GroupPath): number {
  const target = path.length ? checked(path) : []
  const byId = new Map(vault.list({ includeTrash: true }).items.map((r) => [r.id, r]))
  const left: GroupPath[] = []
  const move = ids.flatMap((id) => {
    const r = byId.get(id)
    if (!r) throw new CairnError('NOT_FOUND', `No item with id ${id}`)
    if (sameGroupPath(r.data.group, target)) return []
    if (r.data.group) left.push(r.data.group)
    return [{ id, group: target }]
  })
  const add = keeping(vault, [target, ...left])
  if (move.length || add.length) vault.regroup({ move, add })
  return move.length
}

/**
 * Renames or moves the group at `from` to `to`, with everything inside it (items in the trash
 * too, so a restored item comes back where its group now is). CONFLICT when `to` exists or lies
 * inside `from`. Returns how many items moved.
 */
export function renameGroup(vault: GroupedVault, from: GroupPath, to: GroupPath): number {
  const source = checked(from)
  const target = checked(to)
  if (sameGroupPath(source, target)) return 0
  if (!groupExists(vault, source)) {
    throw new CairnError('NOT_FOUND', `There is no group ${groupPathLabel(source)}`)
  }
  if (isWithinGroup(target, source)) {
    throw new CairnError('CONFLICT', 'A group cannot be moved into itself')
  }
  if (groupExists(vault, target)) {
    throw new CairnError('CONFLICT', `The group ${groupPathLabel(target)} exists already`)
  }
  const reshape = vault
    .groups()
    .filter((g) => isWithinGroup(g.data.path, source))
    .map((g) => ({ id: g.id, path: reparentedPath(g.data.path, source, target) }))
  const move = vault
    .list({ includeTrash: true })
    .items.filter((r) => isWithinGroup(r.data.group, source))
    .map((r) => ({ id: r.id, group: reparentedPath(r.data.group!, source, target) }))
  const add = reshape.some((g) => sameGroupPath(g.path, target)) ? [] : [target]
  vault.regroup({ reshape, move, add })
  return move.length
}

/**
 * Deletes the group at `path`: the items and groups inside it move up one level, into its parent
 * (the top level for a top-level group). Returns the parent and how many items moved there.
 */
export function deleteGroup(
  vault: GroupedVault,
  path: GroupPath,
): { parent: string[]; moved: number } {
  const gone = checked(path)
  if (!groupExists(vault, gone)) {
    throw new CairnError('NOT_FOUND', `There is no group ${groupPathLabel(gone)}`)
  }
  const parent = gone.slice(0, -1)
  const up = (p: GroupPath) => reparentedPath(p, gone, parent)
  const kept = vault.groups().filter((g) => isWithinGroup(g.data.path, gone))
  const drop = kept.filter((g) => sameGroupPath(g.data.path, gone)).map((g) => g.id)
  const reshape = kept
    .filter((g) => !sameGroupPath(g.data.path, gone))
    .map((g) => ({ id: g.id, path: up(g.data.path) }))
  const move = vault
    .list({ includeTrash: true })
    .items.filter((r) => isWithinGroup(r.data.group, gone))
    .map((r) => ({ id: r.id, group: up(r.data.group!) }))
  vault.regroup({ drop, reshape, move })
  return { parent, moved: move.length }
}
