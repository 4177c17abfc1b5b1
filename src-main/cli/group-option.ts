// `--group Work/Servers` on the add commands and `list`, and `--set group=…` on edit: a group
// path written as one line, names separated by "/", an empty one being the top level.
import { groupPathProblem, parseGroupPath } from '../../src-shared/group-path.ts'
import { keepGroups } from '../core/vault/vault-groups.ts'
import type { ItemData } from '../core/vault/item-types.ts'
import type { UnlockedVault } from '../core/vault/vault-api.ts'
import { UsageError } from './cli-error.ts'

export const GROUP_OPTION = {
  type: 'string',
  valueName: 'PATH',
  description: 'the group, names separated by / (Work/Servers)',
} as const

/** The group `text` names (empty: the top level); a usage error says what is wrong with it. */
export function parseGroupOption(text: string): string[] {
  const path = parseGroupPath(text)
  if (path.length === 0) return []
  const problem = groupPathProblem(path)
  if (problem) throw new UsageError(`--group: ${problem}`)
  return path
}

/** `data` in the group `--group` names, or as it is without the option. */
export function withGroupOption<T extends ItemData>(data: T, value: unknown): T {
  if (typeof value !== 'string') return data
  const { group: _previous, ...rest } = data
  const path = parseGroupOption(value)
  return (path.length ? { ...rest, group: path } : rest) as T
}

/** Adds `data` and keeps its group, so the group stays when the item later leaves it. */
export function addGrouped<T extends ItemData>(
  vault: Pick<UnlockedVault, 'add' | 'list' | 'groups' | 'regroup'>,
  data: T,
) {
  const added = vault.add(data)
  keepGroups(vault, added.data.group ?? [])
  return added
}
