// Logins: add, search, edit, copy with buttons and shortcuts (main writes the clipboard, and clears
// it only if it still holds what Cairn wrote), trash and restore.
import { expect, test } from './fixtures.ts'

test.beforeEach(async ({ harness }) => {
  await harness.setUpTwoVaults()
  await harness.selectVault('Passwords')
})

test('add logins, find them by any field, edit one', async ({ harness, page }) => {
  await harness.addLogin({
    title: 'Mail',
    username: 'ada@example.org',
    password: 'mail-pass-1',
    url: 'https://mail.example.org',
    tags: 'work, email',
  })
  await harness.addLogin({
    title: 'Bank',
    username: 'ada.lovelace',
    password: 'bank-pass-2',
    tags: 'money',
  })
  await harness.addLogin({ title: 'Forum', username: 'analytical', password: 'forum-pass-3' })
  await expect(page.getByRole('listbox')).toHaveAccessibleName('Items (3)')

  const search = page.getByRole('searchbox', { name: 'Search items' })
  await page.keyboard.press('Control+f')
  await expect(search).toBeFocused()
  for (const [query, expected] of [
    ['mail.example', ['Mail']],
    ['LOVELACE', ['Bank']],
    ['money', ['Bank']],
    ['ada', ['Mail', 'Bank']],
    ['ada work', ['Mail']],
    ['zzz', []],
  ] as const) {
    // From the whole list each time, so the previous query's (stale) list cannot pass for this one.
    await search.fill('')
    await expect(page.getByRole('option')).toHaveCount(3)
    await search.fill(query)
    await expect
      .poll(
        async () =>
          (await page.getByRole('option').locator('.primary-text').allTextContents()).sort(),
        { message: query },
      )
      .toEqual([...expected].sort())
  }
  await expect(page.getByText('Nothing matches “zzz”')).toBeVisible()
  await search.press('Escape')
  await expect(search).toHaveValue('')
  // Type, then arrow down into the list: the keyboard path a KeePassXC user expects.
  await search.fill('a')
  await search.press('ArrowDown')
  await expect(page.getByRole('listbox')).toBeFocused()
  await search.fill('')

  // Edit: the stored password is kept when the field is left alone.
  await harness.listRow(/Forum/).dblclick()
  const editor = harness.dialog('Edit login')
  await expect(editor.getByLabel('Title')).toHaveValue('Forum')
  await expect(editor.getByLabel('Password', { exact: true })).toHaveValue('')
  await editor.getByLabel('Username').fill('babbage')
  await editor.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(editor).toBeHidden()
  const details = page.getByRole('region', { name: 'Item details' })
  await expect(details.getByRole('heading', { name: 'Forum' })).toBeVisible()
  await expect(details.getByText('babbage')).toBeVisible()
  await details.getByRole('button', { name: 'Reveal password' }).click()
  await expect(details.getByText('forum-pass-3')).toBeVisible()
  await details.getByRole('button', { name: 'Hide password' }).click()
  await expect(details.getByText('forum-pass-3')).toBeHidden()

  // A new password keeps the old one in the login's history.
  await page.keyboard.press('Control+e')
  const again = harness.dialog('Edit login')
  await again.getByLabel('Password', { exact: true }).fill('forum-pass-4')
  await again.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(again).toBeHidden()
  await details.getByRole('button', { name: 'Earlier passwords (1)' }).click()
  await details.getByRole('button', { name: /Reveal password used until/ }).click()
  await expect(details.getByText('forum-pass-3')).toBeVisible()
})

test('hidden custom fields keep their own values through renames, even under one name', async ({
  harness,
  page,
}) => {
  await harness.add('Login')
  const d = harness.dialog('New login')
  await d.getByLabel('Title').fill('Bank')
  for (const [i, value] of ['first-answer', 'second-answer'].entries()) {
    await d.getByRole('button', { name: 'Add field' }).click()
    await d.getByLabel(`Field ${i + 1} name`).fill('Answer')
    await d.getByLabel(`Field ${i + 1} value`).fill(value)
    await d.getByRole('checkbox', { name: 'Hidden' }).nth(i).check()
  }
  await d.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(d).toBeHidden()
  const details = page.getByRole('region', { name: 'Item details' })
  /** Reveals the hidden field `name`; returns the detail row that shows its value. */
  const revealed = async (name: string) => {
    await details.getByRole('button', { name: `Reveal ${name}` }).click()
    return details.getByRole('button', { name: `Hide ${name}` }).locator('xpath=..')
  }

  // Edit without loading the secrets: the second "Answer" is renamed; both keep their values.
  await harness.listRow(/Bank/).dblclick()
  const editor = harness.dialog('Edit login')
  await expect(editor.getByLabel('Field 2 value')).toHaveValue('')
  await editor.getByLabel('Field 2 name').fill('Pet name')
  await editor.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(editor).toBeHidden()
  // The detail pane refreshes after the save: wait for the renamed field before revealing.
  await expect(details.getByRole('button', { name: 'Reveal Pet name' })).toBeVisible()
  await expect(await revealed('Answer')).toContainText('first-answer')
  await expect(await revealed('Pet name')).toContainText('second-answer')

  // Remove the first, rename the other onto its name: it still holds its own value.
  await harness.listRow(/Bank/).dblclick()
  const again = harness.dialog('Edit login')
  await again.getByRole('button', { name: 'Remove field 1' }).click()
  await again.getByLabel('Field 1 name').fill('Answer')
  await again.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(again).toBeHidden()
  await expect(details.getByRole('button', { name: 'Reveal Pet name' })).toBeHidden()
  await expect(await revealed('Answer')).toContainText('second-answer')
  await expect(details).not.toContainText('first-answer')
})

test('copy password and username from buttons and shortcuts; the clipboard is cleared after the set time', async ({
  harness,
  page,
}) => {
  await harness.addLogin({ title: 'Mail', username: 'ada@example.org', password: 'S3cret-Mail-pw' })

  // A short clearing time, set through the settings dialog.
  await page.getByRole('button', { name: 'Settings' }).click()
  const settings = harness.dialog('Settings')
  await expect(settings.getByLabel(/Clear the clipboard after/)).toHaveValue('30')
  await settings.getByLabel(/Clear the clipboard after/).fill('2')
  await settings.getByRole('button', { name: 'Save' }).click()
  await expect(settings).toBeHidden()

  const details = page.getByRole('region', { name: 'Item details' })
  await details.getByRole('button', { name: 'Copy password' }).click()
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: /password copied\. The clipboard clears in \d+ s\./i }),
  ).toBeVisible()
  expect(await harness.clipboard()).toEqual({ text: 'S3cret-Mail-pw', secret: true })
  await expect(page.getByTestId('clipboard-countdown')).toBeVisible()
  await expect.poll(async () => (await harness.clipboard()).text, { timeout: 6000 }).toBe('')
  // The clearing is announced.
  await expect(page.getByRole('status').filter({ hasText: 'Clipboard cleared.' })).toBeVisible()

  // Shortcuts act on the selected item (focus on the list, no text selected).
  await page.getByRole('listbox').focus()
  await page.keyboard.press('Control+b')
  await expect.poll(async () => (await harness.clipboard()).text).toBe('ada@example.org')
  await page.keyboard.press('Control+c')
  await expect.poll(async () => (await harness.clipboard()).text).toBe('S3cret-Mail-pw')

  // Something the user copied meanwhile is never cleared.
  await harness.userCopies('my shopping list')
  await page.waitForTimeout(3000)
  expect(await harness.clipboard()).toEqual({ text: 'my shopping list', secret: false })
})

test('trash and restore, and delete for good from the trash', async ({ harness, page }) => {
  await harness.addLogin({ title: 'Old forum', username: 'x', password: 'old-pw' })
  await harness.addLogin({ title: 'Keep me', username: 'y', password: 'keep-pw' })
  const details = page.getByRole('region', { name: 'Item details' })

  await harness.listRow(/Old forum/).click()
  await details.getByRole('button', { name: 'Move to trash' }).click()
  await expect(harness.listRow(/Old forum/)).toBeHidden()
  const trash = page.getByRole('button', { name: /^Trash/ })
  await expect(trash).toHaveAccessibleName('Trash 1 items')
  await trash.click()
  await expect(harness.listRow(/Old forum/)).toBeVisible()
  await details.getByRole('button', { name: 'Restore' }).click()
  await expect(page.getByText('The trash is empty.')).toBeVisible()
  await page.getByRole('button', { name: /^All items/ }).click()
  await expect(harness.listRow(/Old forum/)).toBeVisible()

  // Delete key trashes; from the trash, "delete for good" asks first.
  await harness.listRow(/Old forum/).click()
  await page.getByRole('listbox').press('Delete')
  await expect(harness.listRow(/Old forum/)).toBeHidden()
  await trash.click()
  await details.getByRole('button', { name: 'Delete for good…' }).click()
  await harness.dialog('Delete for good?').getByRole('button', { name: 'Delete for good' }).click()
  await expect(page.getByText('The trash is empty.')).toBeVisible()
  const [passwords] = await harness.vaults()
  const list = await harness.call<{ items: { title: string }[] }>('cairn:items:list', passwords?.id)
  expect(list.items.map((i) => i.title)).toEqual(['Keep me'])
})

test('generator: random characters and passphrases, used for a login', async ({
  harness,
  page,
}) => {
  await harness.add('Login')
  const editor = harness.dialog('New login')
  await editor.getByLabel('Title').fill('Generated')
  await editor.getByRole('button', { name: 'Generate…' }).click()
  const gen = harness.dialog('Password generator')
  const output = gen.getByTestId('generated')
  await expect(output).toHaveText(/^.{20}$/)
  await gen.getByLabel('Symbols (!#$%…)').uncheck()
  await expect(output).toHaveText(/^[A-Za-z0-9]{20}$/)
  await expect(gen.getByText(/Strength:/)).toContainText('Very strong')
  await gen.getByRole('tab', { name: 'Passphrase' }).click()
  await expect(output).toHaveText(/^[a-z]+(-[a-z]+){4}$/)
  const phrase = (await output.textContent()) ?? ''
  await gen.getByRole('button', { name: 'Use this password' }).click()
  await expect(gen).toBeHidden()
  await editor.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(editor).toBeHidden()
  await page
    .getByRole('region', { name: 'Item details' })
    .getByRole('button', { name: 'Copy password' })
    .click()
  await expect.poll(async () => (await harness.clipboard()).text).toBe(phrase)
})

test('recovery codes and secure notes', async ({ harness, page }) => {
  await harness.add('Recovery codes')
  const rc = harness.dialog('New recovery codes')
  await rc.getByLabel('Issuer').fill('GitHub')
  await rc.getByLabel(/Codes/).fill('aaaa-1111\nbbbb-2222\ncccc-3333')
  await rc.getByRole('button', { name: 'Save', exact: true }).click()
  const details = page.getByRole('region', { name: 'Item details' })
  await expect(details.getByRole('heading', { name: 'GitHub recovery codes' })).toBeVisible()
  await details.getByRole('button', { name: 'Show 3 codes' }).click()
  await details.getByRole('checkbox', { name: 'Code 1 used' }).check()
  await expect(details.getByText('2 of 3 unused')).toBeVisible()
  await expect(details.getByRole('checkbox', { name: 'Code 1 used' })).toBeChecked()
  await details.getByRole('button', { name: 'Copy recovery code 2' }).click()
  await expect.poll(async () => (await harness.clipboard()).text).toBe('bbbb-2222')

  await harness.add('Secure note')
  const note = harness.dialog('New secure note')
  await note.getByLabel('Title').fill('Wifi')
  await note.getByLabel('Note').fill('router: hunter2')
  await note.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(details.getByRole('heading', { name: 'Wifi' })).toBeVisible()
  await expect(details.getByText('router: hunter2')).toBeHidden()
  await details.getByRole('button', { name: 'Show note' }).click()
  await expect(details.getByTestId('note-body')).toHaveText('router: hunter2')
  await page.getByRole('button', { name: /^Secure notes/ }).click()
  await expect(page.getByRole('listbox')).toHaveAccessibleName('Items (1)')
})
