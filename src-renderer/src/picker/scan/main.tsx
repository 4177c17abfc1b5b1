import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import type { ScanSource } from '../../../../src-shared/shell-contract.ts'
import { scanBackendFrom } from './scan-backend.ts'
import { ScanConfirm } from './ScanConfirm.tsx'
import '../picker.css'

const root = document.getElementById('scan-root')
if (!root) throw new Error('Cairn: #scan-root element missing from scan.html')
const shell = window.cairnShell
if (!shell) throw new Error('Cairn: the shell API is not available to this page')
const asked = new URLSearchParams(location.search).get('source')
const source: ScanSource = asked === 'clipboard' || asked === 'file' ? asked : 'screen'
createRoot(root).render(
  <StrictMode>
    <ScanConfirm backend={scanBackendFrom(shell, window.cairn)} source={source} />
  </StrictMode>,
)
