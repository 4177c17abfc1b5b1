import { useEffect, useId, useState } from 'react'
import type { AppSettings, CommandLineStatus } from '../../../src-shared/ipc-contract.ts'
import { api, call, errorMessage } from '../api.ts'
import { ErrorAlert } from '../components/ErrorAlert.tsx'
import { NumberField } from '../components/NumberField.tsx'
import { Dialog } from '../components/Dialog.tsx'

export function SettingsDialog({
  settings,
  onClose,
}: {
  settings: AppSettings
  onClose: () => void
}) {
  const id = useId()
  const [clear, setClear] = useState(String(settings.clipboardClearSeconds))
  const [lock, setLock] = useState(String(settings.autoLockMinutes))
  const [answer, setAnswer] = useState(settings.answerCommandLine)
  const [commandLine, setCommandLine] = useState<CommandLineStatus | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    let cancelled = false
    void call(api().settings.commandLine())
      .then((status) => !cancelled && setCommandLine(status))
      .catch(() => {})
    return () => {
      cancelled = true
    }
  }, [])

  const save = async () => {
    const clipboardClearSeconds = Number(clear)
    const autoLockMinutes = Number(lock)
    if (
      !Number.isInteger(clipboardClearSeconds) ||
      clipboardClearSeconds < 0 ||
      clipboardClearSeconds > 3600
    ) {
      return setError('Clipboard clearing: a whole number of seconds from 0 to 3600.')
    }
    if (!Number.isInteger(autoLockMinutes) || autoLockMinutes < 0 || autoLockMinutes > 1440) {
      return setError('Auto-lock: a whole number of minutes from 0 to 1440.')
    }
    try {
      await call(
        api().settings.update({
          clipboardClearSeconds,
          autoLockMinutes,
          answerCommandLine: answer,
        }),
      )
      onClose()
    } catch (e) {
      setError(errorMessage(e))
    }
  }

  return (
    <Dialog
      title="Settings"
      onClose={onClose}
      onSubmit={() => void save()}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn primary">
            Save
          </button>
        </>
      }
    >
      <NumberField
        id={`${id}-clear`}
        label="Clear the clipboard after (seconds; 0 = never)"
        min={0}
        max={3600}
        value={clear}
        onChange={setClear}
      >
        <span className="hint">Only if it still holds what Cairn copied.</span>
      </NumberField>
      <NumberField
        id={`${id}-lock`}
        label="Lock every vault after this many idle minutes (0 = never)"
        min={0}
        max={1440}
        value={lock}
        onChange={setLock}
      />
      <label className="check">
        <input type="checkbox" checked={answer} onChange={(e) => setAnswer(e.target.checked)} />
        Answer the <code>cairn</code> command line with the vaults unlocked here
      </label>
      <p className="hint" id={`${id}-cli`}>
        Then <code>cairn code</code>, <code>cairn show</code> and the other item commands need no
        password while a vault is unlocked in this window, and lock with it. Any program running as
        you can ask for codes and items meanwhile, as with the <code>cairn unlock</code> agent.
      </p>
      {commandLine && (
        <p
          className={commandLine.problem ? 'notice warn' : 'hint'}
          role="status"
          data-testid="command-line-status"
        >
          {commandLine.problem ??
            (commandLine.answering
              ? 'The command line is answered now.'
              : 'The command line is not answered.')}
        </p>
      )}
      <p className="hint">Light and dark themes follow your system’s setting.</p>
      <ErrorAlert message={error} />
    </Dialog>
  )
}
