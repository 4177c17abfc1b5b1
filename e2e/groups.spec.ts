// Groups in the window: a tree in the sidebar with counts, a new group, an item dragged onto it,
// another moved from the keyboard with "Move to group…", a group chosen to filter the list, then
// renamed and deleted (its items move up); the Group field of the editor; axe on the tree and on
// every group dialog; and at 800x600 the tree and its buttons inside the window.
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures.ts'

async function expectNoViolations(page: Page, screen: string) {
  const result = await new AxeBuilder({ page }).analyze()
  const summary = result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  )
  expect(summary, `${screen}: axe violations`).toEqual([])
}

async function titles(page: Page): Promise<string[]> {
  const rows = page.getByRole('listbox', { name: /^Items/ }).getByRole('option')
  return (await rows.locator('.primary-text').allInnerTexts()).map((t) => t.trim()).sort()
}

/** The items of the Passwords vault as main stores them: title → group path. */
async function storedGroups(harness: {
  vaults(): Promise<{ id: string; name: string }[]>
  call<T>(channel: string, ...args: unknown[]): Promise<T>
}): Promise<Record<string, string>> {
  const vault = (await harness.vaults()).find((v) => v.name === 'Passwords')
  const list = await harness.call<{ items: { title: string; group: string[] }[] }>(
    'cairn:items:list',
    vault?.id,
  )
  return Object.fromEntries(list.items.map((i) => [i.title, i.group.join('/')]))
}

test.beforeEach(async ({ harness }) => {
  await harness.setUpTwoVaults()
  await harness.selectVault('Passwords')
  await harness.addLogin({ title: 'Bank', username: 'zed', password: 'b-pass-1' })
  await harness.addLogin({ title: 'Router', username: 'admin', password: 'r-pass-2' })
  await harness.addLogin({ title: 'Mail', username: 'mia', password: 'm-pass-3' })
})

test('create a group, move items by drag and by keyboard, filter, rename, delete', async ({
  harness,
  page,
}) => {
  const tree = page.getByRole('tree', { name: 'Groups' })
  await expect(tree.getByRole('treeitem', { name: 'Top level 3 items' })).toBeVisible()

  // New group, from the button under the tree.
  await page.getByRole('button', { name: 'New group' }).click()
  const create = harness.dialog('New group')
  await expectNoViolations(page, 'new group dialog')
  await create.getByLabel('Group name').fill('Work')
  await create.getByRole('button', { name: 'Create group' }).click()
  await expect(create).toBeHidden()
  const work = tree.getByRole('treeitem', { name: 'Work 0 items' })
  await expect(work).toBeVisible()

  // Drag "Router" onto the group.
  await page.getByRole('treeitem', { name: /^Top level/ }).click()
  await harness.listRow(/Router/).dragTo(work)
  await expect(tree.getByRole('treeitem', { name: 'Work 1 items' })).toBeVisible()
  await expect.poll(() => storedGroups(harness)).toMatchObject({ Router: 'Work' })

  // From the keyboard: select Bank in the list, Ctrl+G, arrow down to Work, Enter.
  await harness.listRow(/Bank/).click()
  await page.getByRole('listbox', { name: /^Items/ }).focus()
  await page.keyboard.press('Control+g')
  const move = harness.dialog(/Move “Bank” to a group/)
  await expect(move.getByRole('listbox', { name: 'Groups' })).toBeFocused()
  await expectNoViolations(page, 'move to group dialog')
  await page.keyboard.press('ArrowDown')
  await expect(move.getByRole('option', { name: 'Work' })).toHaveAttribute('aria-selected', 'true')
  await page.keyboard.press('Enter')
  await expect(move).toBeHidden()
  await expect(tree.getByRole('treeitem', { name: 'Work 2 items' })).toBeVisible()

  // Clicking a group lists what is in it; the tree is driven by the keyboard too.
  await tree.getByRole('treeitem', { name: /^Work/ }).click()
  await expect.poll(() => titles(page)).toEqual(['Bank', 'Router'])
  await tree.getByRole('treeitem', { name: /^Work/ }).focus()
  await page.keyboard.press('ArrowUp')
  await expect(tree.getByRole('treeitem', { name: /^Top level/ })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect.poll(() => titles(page)).toEqual(['Mail'])
  await expectNoViolations(page, 'main window with a group tree')

  // Rename: the items follow.
  await tree.getByRole('treeitem', { name: /^Work/ }).click()
  await page.getByRole('button', { name: 'Rename' }).click()
  const rename = harness.dialog('Rename group')
  await rename.getByLabel('Group name').fill('Job')
  await rename.getByRole('button', { name: 'Rename' }).click()
  await expect(tree.getByRole('treeitem', { name: 'Job 2 items' })).toBeVisible()
  await expect.poll(() => storedGroups(harness)).toEqual({ Bank: 'Job', Router: 'Job', Mail: '' })

  // Delete: it says where the items go, and they go there.
  await page.getByRole('button', { name: 'Delete', exact: true }).click()
  const remove = harness.dialog('Delete group “Job”?')
  await expect(remove).toContainText('Its 2 items move to the top level')
  await expectNoViolations(page, 'delete group dialog')
  await remove.getByRole('button', { name: 'Delete group' }).click()
  await expect(remove).toBeHidden()
  await expect(tree.getByRole('treeitem', { name: /^Job/ })).toHaveCount(0)
  await expect(tree.getByRole('treeitem', { name: 'Top level 3 items' })).toBeVisible()
  await expect.poll(() => storedGroups(harness)).toEqual({ Bank: '', Router: '', Mail: '' })
})

test('several items picked with Ctrl+click or Space move together, by drag and by keyboard', async ({
  harness,
  page,
}) => {
  await page.getByRole('button', { name: 'New group' }).click()
  await harness.dialog('New group').getByLabel('Group name').fill('Shared')
  await harness.dialog('New group').getByRole('button', { name: 'Create group' }).click()
  const tree = page.getByRole('tree', { name: 'Groups' })
  const list = page.getByRole('listbox', { name: /^Items/ })
  // A new group is shown at once (empty): the top level lists the items to move.
  await tree.getByRole('treeitem', { name: /^Top level/ }).click()
  await expect(list).toHaveAttribute('aria-multiselectable', 'true')

  await harness.listRow(/Bank/).click()
  await harness.listRow(/Mail/).click({ modifiers: ['Control'] })
  await expect(harness.listRow(/Bank/)).toHaveAttribute('aria-selected', 'true')
  await expect(harness.listRow(/Mail/)).toHaveAttribute('aria-selected', 'true')
  await harness.listRow(/Mail/).dragTo(tree.getByRole('treeitem', { name: /^Shared/ }))
  await expect(tree.getByRole('treeitem', { name: 'Shared 2 items' })).toBeVisible()
  await expect
    .poll(() => storedGroups(harness))
    .toEqual({ Bank: 'Shared', Mail: 'Shared', Router: '' })

  // From the keyboard: Space picks, an arrow moves on, Ctrl+G moves the picked and the selected.
  await tree.getByRole('treeitem', { name: /^Shared/ }).click()
  await list.focus()
  await page.keyboard.press('Home')
  await page.keyboard.press('Space')
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('Control+g')
  const move = harness.dialog('Move 2 items to a group')
  await expect(move.getByRole('option', { name: 'Top level' })).toHaveAttribute(
    'aria-selected',
    'true',
  )
  await page.keyboard.press('Enter')
  await expect(move).toBeHidden()
  await expect.poll(() => storedGroups(harness)).toEqual({ Bank: '', Mail: '', Router: '' })
})

test('the editor’s Group field puts an item into a nested group', async ({ harness, page }) => {
  await harness.listRow(/Mail/).click()
  const details = page.getByRole('region', { name: 'Item details' })
  await details.getByRole('button', { name: 'Edit' }).click()
  const edit = harness.dialog('Edit login')
  await edit.getByLabel('Group').fill('Home / Accounts')
  await edit.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(edit).toBeHidden()
  const tree = page.getByRole('tree', { name: 'Groups' })
  await expect(tree.getByRole('treeitem', { name: 'Home 1 items' })).toHaveAttribute(
    'aria-expanded',
    'true',
  )
  await expect(tree.getByRole('treeitem', { name: 'Accounts 1 items' })).toBeVisible()
  await expect(details).toContainText('Home / Accounts')
  await expect.poll(() => storedGroups(harness)).toMatchObject({ Mail: 'Home/Accounts' })
  // A new item starts in the group the list shows.
  await tree.getByRole('treeitem', { name: /^Accounts / }).click()
  await harness.add('Login')
  const fresh = harness.dialog('New login')
  await expect(fresh.getByLabel('Group')).toHaveValue('Home/Accounts')
  await fresh.getByRole('button', { name: 'Cancel' }).click()
  await expect(fresh).toBeHidden()
  // Left closes the parent; its child is no longer in the tree.
  await tree.getByRole('treeitem', { name: /^Home / }).focus()
  await page.keyboard.press('ArrowLeft')
  await expect(tree.getByRole('treeitem', { name: /^Accounts / })).toHaveCount(0)
})

test('at 800x600 the group tree and its buttons lie inside the window', async ({
  harness,
  page,
}) => {
  await page.getByRole('button', { name: 'New group' }).click()
  await harness.dialog('New group').getByLabel('Group name').fill('A group with a long name here')
  await harness.dialog('New group').getByRole('button', { name: 'Create group' }).click()
  await page.setViewportSize({ width: 800, height: 600 })
  const sidebar = page.getByRole('navigation', { name: 'Vaults and filters' })
  if (!(await sidebar.isVisible())) await page.getByRole('button', { name: /sidebar/i }).click()
  const parts = [
    page.getByRole('treeitem', { name: /^A group with a long name/ }),
    page.getByRole('button', { name: 'New group' }),
    page.getByRole('button', { name: 'Rename' }),
    page.getByRole('button', { name: 'Delete', exact: true }),
  ]
  for (const part of parts) {
    await part.scrollIntoViewIfNeeded()
    const box = await part.boundingBox()
    expect(box).not.toBeNull()
    if (!box) continue
    expect(box.x).toBeGreaterThanOrEqual(0)
    expect(box.y).toBeGreaterThanOrEqual(0)
    expect(box.x + box.width).toBeLessThanOrEqual(800.5)
    expect(box.y + box.height).toBeLessThanOrEqual(600.5)
  }
  await expectNoViolations(page, 'group tree at 800x600')
})
