import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import type { ScanSource } from '../../../../src-shared/ipc-contract.ts'
import { scanBackendFrom } from './scan-backend.ts'
import { ScanConfirm } from './ScanConfirm.tsx'
import '../picker.css'

const root = document.getElementById('scan-root')
if (!root) throw new Error('Cairn: #scan-root element missing from scan.html')
const asked = new URLSearchParams(location.search).get('source')
const source: ScanSource = asked === 'clipboard' || asked === 'file' ? asked : 'screen'
createRoot(root).render(
  <StrictMode>
    <ScanConfirm backend={scanBackendFrom(window.cairn)} source={source} />
  </StrictMode>,
)
