// Add and edit every item type. On an edit, secrets the user does not touch are not sent back:
// main keeps the stored password, 2FA key and secret fields (by their stored position).
import {
  createContext,
  useContext,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react'
import type {
  FieldInput,
  ItemDetail,
  ItemInput,
  ItemKind,
  ItemSummary,
  OtpKeySource,
  OtpLinkRef,
} from '../../../src-shared/ipc-contract.ts'
import { api, call, errorMessage } from '../api.ts'
import { useApp } from '../app-context.ts'
import { Dialog } from '../components/Dialog.tsx'
import { Icon } from '../components/Icons.tsx'
import { PasswordInput } from '../components/PasswordInput.tsx'
import { StrengthMeter } from '../components/StrengthMeter.tsx'
import { useStrength } from '../hooks/useStrength.ts'
import { vaultRole } from '../vault-roles.ts'
import { groupPathText, parseGroupPath } from '../../../src-shared/group-path.ts'
import { GroupField, GroupFieldContext } from '../groups/GroupField.tsx'
import { GeneratorDialog } from './GeneratorDialog.tsx'
import { OtpKeyForm } from './OtpKeyForm.tsx'
import type { SessionId, VaultUuid } from '../../../src-shared/ids.ts'
import { mergeParsedLabels, type ParsedFrom } from './parsed-labels.ts'

export type EditorTarget =
  | {
      mode: 'create'
      vaultId: SessionId
      kind: ItemKind
      issuer?: string
      /** The group the new item starts in: the one the list shows, as in KeePass. */
      group?: string[]
    }
  | { mode: 'edit'; vaultId: SessionId; itemId: string }

const splitTags = (text: string) =>
  text
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean)

interface EditorProps {
  target: EditorTarget
  onClose: () => void
  onSaved: (summary: ItemSummary) => void
  onAddRecoveryCodes: (vaultId: SessionId, issuer: string) => void
}

/** The vault a new item goes into, chosen in the editor's first field. */
interface TargetVault {
  vaultId: SessionId
  setVaultId: (id: SessionId) => void
  kind: ItemKind
}

const TargetVaultContext = createContext<TargetVault | null>(null)

export function ItemEditorDialog(props: EditorProps) {
  const { target: initialTarget, onClose, onSaved } = props
  const { notify } = useApp()
  const [detail, setDetail] = useState<ItemDetail | null>(null)
  const [vaultId, setVaultId] = useState(initialTarget.vaultId)
  /** The Group field as typed; null until typed in, when the stored group (or none) shows. */
  const [groupText, setGroupText] = useState<string | null>(null)
  const target = useMemo(() => ({ ...initialTarget, vaultId }), [initialTarget, vaultId])

  useEffect(() => {
    if (target.mode !== 'edit') return
    call(api().items.detail(target.vaultId, target.itemId))
      .then(setDetail)
      .catch((e: unknown) => {
        notify(errorMessage(e), 'error')
        onClose()
      })
  }, [target, notify, onClose])

  if (target.mode === 'edit' && !detail) return null
  const kind = target.mode === 'create' ? target.kind : (detail as ItemDetail).kind

  const startGroup = target.mode === 'create' ? (target.group ?? []) : (detail?.group ?? [])
  const shownGroup = groupText ?? groupPathText(startGroup)
  const save = async (kindInput: ItemInput): Promise<ItemSummary> => {
    const input: ItemInput = { ...kindInput, group: parseGroupPath(shownGroup) }
    const summary =
      target.mode === 'create'
        ? await call(api().items.create(target.vaultId, input))
        : await call(
            api().items.update(
              target.vaultId,
              target.itemId,
              (detail as ItemDetail).revision,
              input,
            ),
          )
    onSaved(summary)
    return summary
  }

  const common = { detail, save, onClose }
  return (
    <TargetVaultContext.Provider
      value={target.mode === 'create' ? { vaultId, setVaultId, kind } : null}
    >
      <GroupFieldContext.Provider
        value={{ vaultId: target.vaultId, text: shownGroup, setText: setGroupText }}
      >
        {editorFor()}
      </GroupFieldContext.Provider>
    </TargetVaultContext.Provider>
  )

  function editorFor() {
    switch (kind) {
      case 'login':
        return <LoginEditor {...common} vaultId={target.vaultId} />
      case 'otp':
        return (
          <OtpEditor
            {...common}
            onAddRecoveryCodes={(issuer) => props.onAddRecoveryCodes(target.vaultId, issuer)}
          />
        )
      case 'recovery-codes':
        return (
          <RecoveryCodesEditor
            {...common}
            vaultId={target.vaultId}
            presetIssuer={target.mode === 'create' ? (target.issuer ?? '') : ''}
          />
        )
      case 'note':
        return <NoteEditor {...common} vaultId={target.vaultId} />
    }
  }
}

/** Which vault a new item goes into, with a warning when a 2FA key would sit beside passwords. */
function TargetVaultField() {
  const target = useContext(TargetVaultContext)
  const { vaults, lists } = useApp()
  const id = useId()
  if (!target) return null
  const unlocked = vaults.filter((v) => v.state === 'unlocked')
  const chosen = unlocked.find((v) => v.id === target.vaultId)
  const besidePasswords =
    target.kind === 'otp' && chosen && vaultRole(chosen, lists[chosen.id]) === 'passwords'
  const keysVault = unlocked.find((v) => vaultRole(v, lists[v.id]) === 'keys')
  return (
    <div className="field">
      <label htmlFor={`${id}-vault`}>Save into vault</label>
      <select
        id={`${id}-vault`}
        className="input"
        value={target.vaultId}
        data-no-autofocus
        onChange={(e) => {
          const picked = unlocked.find((v) => v.id === e.target.value)
          if (picked) target.setVaultId(picked.id)
        }}
        aria-describedby={besidePasswords ? `${id}-warn` : undefined}
      >
        {unlocked.map((v) => (
          <option key={v.id} value={v.id}>
            {v.name}
          </option>
        ))}
      </select>
      {besidePasswords && (
        <p className="notice warn" id={`${id}-warn`} role="alert">
          {chosen.name} holds your passwords. A 2FA key beside them means one stolen master password
          gives away both factors
          {keysVault ? `: ${keysVault.name} is the place for it.` : '.'}
        </p>
      )}
    </div>
  )
}

interface KindEditorProps {
  detail: ItemDetail | null
  save: (input: ItemInput) => Promise<ItemSummary>
  onClose: () => void
}

function EditorFrame({
  title,
  onClose,
  onSubmit,
  error,
  busy,
  children,
  submitLabel = 'Save',
  wide,
}: {
  title: string
  onClose: () => void
  onSubmit: () => void
  error: string | null
  busy: boolean
  children: ReactNode
  submitLabel?: string
  wide?: boolean
}) {
  return (
    <Dialog
      title={title}
      onClose={onClose}
      onSubmit={onSubmit}
      wide={wide ?? false}
      guardChanges
      footer={(close) => (
        <>
          <button type="button" className="btn" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="btn primary" disabled={busy}>
            {submitLabel}
          </button>
        </>
      )}
    >
      <TargetVaultField />
      {children}
      <GroupField />
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  )
}

/** Runs a save, showing its error in the dialog (nothing is lost: the form stays filled). */
function useSaving() {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const run = async (fn: () => Promise<void>) => {
    setBusy(true)
    setError(null)
    try {
      await fn()
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }
  return { busy, error, setError, run }
}

function TextField(props: {
  label: string
  value: string
  onChange: (v: string) => void
  mono?: boolean
  autoFocus?: boolean
  placeholder?: string
}) {
  const id = useId()
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        className={`input${props.mono ? ' mono' : ''}`}
        value={props.value}
        placeholder={props.placeholder}
        autoFocus={props.autoFocus}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </div>
  )
}

function TextArea(props: {
  label: string
  value: string
  onChange: (v: string) => void
  mono?: boolean
  rows?: number
}) {
  const id = useId()
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <textarea
        id={id}
        rows={props.rows}
        className={`input${props.mono ? ' mono' : ''}`}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </div>
  )
}

// ---------------------------------------------------------------------------------------------

interface FieldDraft {
  name: string
  secret: boolean
  /** undefined: a stored secret value the user has not replaced (see keepIndex). */
  value: string | undefined
  /** Where that stored value sits in the item as loaded: main keeps it by this position. */
  keepIndex: number | undefined
}

function LoginEditor({ detail, save, onClose, vaultId }: KindEditorProps & { vaultId: SessionId }) {
  const { lists, vaults } = useApp()
  const editing = detail !== null
  const [title, setTitle] = useState(detail?.storedTitle ?? '')
  const [username, setUsername] = useState(detail?.username ?? '')
  const [password, setPassword] = useState('')
  const [passwordTouched, setPasswordTouched] = useState(!editing)
  const [urls, setUrls] = useState((detail?.urls ?? []).join('\n'))
  const [notes, setNotes] = useState(detail?.notes ?? '')
  const [tags, setTags] = useState((detail?.tags ?? []).join(', '))
  const [fields, setFields] = useState<FieldDraft[]>(
    (detail?.fields ?? []).map((f, i) => ({
      name: f.name,
      secret: f.secret,
      value: f.value ?? undefined,
      keepIndex: f.value === null ? i : undefined,
    })),
  )
  const [link, setLink] = useState(
    detail?.otpLink ? `${detail.otpLink.vaultUuid}|${detail.otpLink.itemId}` : '',
  )
  const [generator, setGenerator] = useState(false)
  const { busy, error, run } = useSaving()
  const strength = useStrength(passwordTouched ? password : '')
  const id = useId()

  // 2FA keys of every unlocked vault, for the link.
  const keyOptions = useMemo(() => {
    const out: { value: string; label: string }[] = []
    for (const v of vaults) {
      for (const item of lists[v.id]?.items ?? []) {
        if (item.kind === 'otp' && item.deletedAt === null) {
          out.push({ value: `${v.vaultUuid}|${item.id}`, label: `${item.title} — ${v.name}` })
        }
      }
    }
    return out
  }, [lists, vaults])

  const revealStored = async () => {
    if (!detail) return
    setPassword(await call(api().items.reveal(vaultId, detail.id, { kind: 'password' })))
    setPasswordTouched(true)
  }

  const submit = () =>
    run(async () => {
      const [vaultUuid, itemId] = link.split('|')
      const otpLink: OtpLinkRef | null =
        link && vaultUuid && itemId ? { vaultUuid: vaultUuid as VaultUuid, itemId } : null
      const input: ItemInput = {
        kind: 'login',
        title,
        username,
        urls: urls.split('\n'),
        notes,
        tags: splitTags(tags),
        fields: fields.map((f): FieldInput =>
          f.value === undefined && f.keepIndex !== undefined
            ? { name: f.name, secret: f.secret, keepIndex: f.keepIndex }
            : { name: f.name, secret: f.secret, value: f.value ?? '' },
        ),
        otpLink,
        ...(passwordTouched ? { password } : {}),
      }
      await save(input)
      onClose()
    })

  return (
    <>
      <EditorFrame
        title={editing ? `Edit login` : 'New login'}
        onClose={onClose}
        onSubmit={() => void submit()}
        error={error}
        busy={busy}
        wide
      >
        <div className="grid-2">
          <TextField label="Title" value={title} onChange={setTitle} autoFocus />
          <TextField label="Username" value={username} onChange={setUsername} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-pw`}>Password</label>
          <div className="input-row">
            <PasswordInput
              id={`${id}-pw`}
              label="password"
              value={password}
              placeholder={passwordTouched ? '' : 'Unchanged (type to replace)'}
              onChange={(e) => {
                setPassword(e.target.value)
                setPasswordTouched(true)
              }}
            />
            {editing && !passwordTouched && detail.hasPassword && (
              <button type="button" className="btn" onClick={() => void revealStored()}>
                Load current
              </button>
            )}
            <button type="button" className="btn" onClick={() => setGenerator(true)}>
              <Icon name="dice" /> Generate…
            </button>
          </div>
          <StrengthMeter strength={strength} reserve />
        </div>
        <TextArea label="URLs (one per line)" value={urls} onChange={setUrls} rows={2} />
        <div className="field">
          <label htmlFor={`${id}-link`}>2FA key (shows its live code here)</label>
          <select
            id={`${id}-link`}
            className="input"
            value={link}
            onChange={(e) => setLink(e.target.value)}
          >
            <option value="">None</option>
            {link && !keyOptions.some((o) => o.value === link) && (
              <option value={link}>Linked key (its vault is locked or closed)</option>
            )}
            {keyOptions.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
        <TextArea label="Notes" value={notes} onChange={setNotes} rows={3} />
        <TextField label="Tags (comma-separated)" value={tags} onChange={setTags} />
        <div className="field-label">Custom fields</div>
        {fields.map((f, i) => (
          <div className="field-row" key={i}>
            <input
              className="input"
              aria-label={`Field ${i + 1} name`}
              value={f.name}
              onChange={(e) =>
                setFields(fields.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))
              }
            />
            <input
              className="input"
              aria-label={`Field ${i + 1} value`}
              type={f.secret ? 'password' : 'text'}
              placeholder={f.value === undefined ? 'Unchanged (type to replace)' : ''}
              value={f.value ?? ''}
              onChange={(e) =>
                setFields(
                  fields.map((x, j) =>
                    j === i ? { ...x, value: e.target.value, keepIndex: undefined } : x,
                  ),
                )
              }
            />
            <label className="check">
              <input
                type="checkbox"
                checked={f.secret}
                onChange={(e) =>
                  setFields(
                    fields.map((x, j) => (j === i ? { ...x, secret: e.target.checked } : x)),
                  )
                }
              />
              Hidden
            </label>
            <button
              type="button"
              className="icon-btn"
              aria-label={`Remove field ${i + 1}`}
              onClick={() => setFields(fields.filter((_, j) => j !== i))}
            >
              <Icon name="close" />
            </button>
          </div>
        ))}
        <button
          type="button"
          className="btn small"
          onClick={() =>
            setFields([...fields, { name: '', secret: false, value: '', keepIndex: undefined }])
          }
        >
          <Icon name="plus" size={16} /> Add field
        </button>
      </EditorFrame>
      {generator && (
        <GeneratorDialog
          onClose={() => setGenerator(false)}
          onUse={(value) => {
            setPassword(value)
            setPasswordTouched(true)
            setGenerator(false)
          }}
        />
      )}
    </>
  )
}

// ---------------------------------------------------------------------------------------------

function OtpEditor({
  detail,
  save,
  onClose,
  onAddRecoveryCodes,
}: KindEditorProps & { onAddRecoveryCodes: (issuer: string) => void }) {
  const [saved, setSaved] = useState<ItemSummary | null>(null)
  const [title, setTitle] = useState(detail?.storedTitle ?? '')
  const [issuer, setIssuer] = useState(detail?.issuer ?? '')
  const [account, setAccount] = useState(detail?.account ?? '')
  const [notes, setNotes] = useState(detail?.notes ?? '')
  const [tags, setTags] = useState((detail?.tags ?? []).join(', '))
  const { busy, error, setError, run } = useSaving()
  const [source, setSource] = useState<OtpKeySource | null>(null)
  const parsedFrom = useRef<ParsedFrom | null>(null)

  if (saved) {
    return (
      <Dialog
        title="2FA key saved"
        onClose={onClose}
        footer={
          <>
            <button type="button" className="btn" onClick={onClose}>
              Done
            </button>
            <button
              type="button"
              className="btn primary"
              onClick={() => {
                onClose()
                onAddRecoveryCodes(saved.issuer)
              }}
            >
              <Icon name="plus" /> Save recovery codes{saved.issuer ? ` for ${saved.issuer}` : ''}…
            </button>
          </>
        }
      >
        <p className="notice ok">
          <strong>{saved.title}</strong> is saved; its code is live in the list.
        </p>
        <p>
          Most sites show <strong>recovery codes</strong> right after you turn on two-factor login.
          They are your way back in if this device is lost: save them now, one click away.
        </p>
      </Dialog>
    )
  }

  const submit = () =>
    run(async () => {
      if (!detail && !source) {
        setError('Paste an otpauth:// URI, type the secret, or scan a QR code image first.')
        return
      }
      const summary = await save({
        kind: 'otp',
        title,
        issuer,
        account,
        notes,
        tags: splitTags(tags),
        ...(source ? { key: source } : {}),
      })
      if (detail) onClose()
      else setSaved(summary)
    })

  return (
    <EditorFrame
      title={detail ? 'Edit 2FA key' : 'New 2FA key'}
      onClose={onClose}
      onSubmit={() => void submit()}
      error={error}
      busy={busy}
      submitLabel={detail ? 'Save' : 'Save key'}
      wide
    >
      {!detail && (
        <OtpKeyForm
          onSource={(next, preview) => {
            setSource(next)
            if (next) setError(null)
            if (preview && next?.from === 'uri') {
              const parsed = { uri: next.uri, issuer: preview.issuer, account: preview.account }
              const merged = mergeParsedLabels({ issuer, account }, parsedFrom.current, parsed)
              parsedFrom.current = parsed
              setIssuer(merged.issuer)
              setAccount(merged.account)
            }
          }}
        />
      )}
      <div className="grid-2">
        <TextField label="Issuer" value={issuer} onChange={setIssuer} placeholder="e.g. GitHub" />
        <TextField
          label="Account"
          value={account}
          onChange={setAccount}
          placeholder="e.g. you@example.org"
        />
      </div>
      <TextField label="Title (optional)" value={title} onChange={setTitle} />
      <TextArea label="Notes" value={notes} onChange={setNotes} rows={2} />
      <TextField label="Tags (comma-separated)" value={tags} onChange={setTags} />
    </EditorFrame>
  )
}

// ---------------------------------------------------------------------------------------------

function RecoveryCodesEditor({
  detail,
  save,
  onClose,
  vaultId,
  presetIssuer,
}: KindEditorProps & { vaultId: SessionId; presetIssuer: string }) {
  const [title, setTitle] = useState(detail?.storedTitle ?? '')
  const [issuer, setIssuer] = useState(detail?.issuer ?? presetIssuer)
  const [codes, setCodes] = useState<string | null>(detail ? null : '')
  const [used, setUsed] = useState<Set<string>>(new Set())
  const [notes, setNotes] = useState(detail?.notes ?? '')
  const [tags, setTags] = useState((detail?.tags ?? []).join(', '))
  const { busy, error, run } = useSaving()

  // Editing the codes means seeing them: they are loaded when the editor opens.
  useEffect(() => {
    if (!detail) return
    call(api().items.recoveryCodes(vaultId, detail.id))
      .then((list) => {
        setCodes(list.map((c) => c.code).join('\n'))
        setUsed(new Set(list.filter((c) => c.used).map((c) => c.code)))
      })
      .catch(() => setCodes(''))
  }, [detail, vaultId])

  const submit = () =>
    run(async () => {
      const list = (codes ?? '')
        .split(/[\n,]+/)
        .map((c) => c.trim())
        .filter(Boolean)
        .map((code) => ({ code, used: used.has(code) }))
      await save({
        kind: 'recovery-codes',
        title,
        issuer,
        notes,
        tags: splitTags(tags),
        codes: list,
      })
      onClose()
    })

  return (
    <EditorFrame
      title={detail ? 'Edit recovery codes' : 'New recovery codes'}
      onClose={onClose}
      onSubmit={() => void submit()}
      error={error}
      busy={busy || codes === null}
    >
      <div className="grid-2">
        <TextField
          label="Issuer"
          value={issuer}
          onChange={setIssuer}
          autoFocus
          placeholder="e.g. GitHub"
        />
        <TextField label="Title (optional)" value={title} onChange={setTitle} />
      </div>
      <TextArea
        label="Codes (one per line, as the site shows them)"
        value={codes ?? ''}
        onChange={setCodes}
        mono
        rows={8}
      />
      <TextArea label="Notes" value={notes} onChange={setNotes} rows={2} />
      <TextField label="Tags (comma-separated)" value={tags} onChange={setTags} />
    </EditorFrame>
  )
}

// ---------------------------------------------------------------------------------------------

function NoteEditor({ detail, save, onClose, vaultId }: KindEditorProps & { vaultId: SessionId }) {
  const [title, setTitle] = useState(detail?.storedTitle ?? '')
  const [body, setBody] = useState<string | null>(detail ? null : '')
  const [tags, setTags] = useState((detail?.tags ?? []).join(', '))
  const { busy, error, run } = useSaving()

  useEffect(() => {
    if (!detail) return
    call(api().items.reveal(vaultId, detail.id, { kind: 'note-body' }))
      .then(setBody)
      .catch(() => setBody(''))
  }, [detail, vaultId])

  const submit = () =>
    run(async () => {
      await save({ kind: 'note', title, tags: splitTags(tags), body: body ?? '' })
      onClose()
    })

  return (
    <EditorFrame
      title={detail ? 'Edit note' : 'New secure note'}
      onClose={onClose}
      onSubmit={() => void submit()}
      error={error}
      busy={busy || body === null}
    >
      <TextField label="Title" value={title} onChange={setTitle} autoFocus />
      <TextArea label="Note" value={body ?? ''} onChange={setBody} rows={10} />
      <TextField label="Tags (comma-separated)" value={tags} onChange={setTags} />
    </EditorFrame>
  )
}
