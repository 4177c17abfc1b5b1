import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { backendFrom } from './picker-backend.ts'
import { Picker } from './Picker.tsx'
import './picker.css'

const root = document.getElementById('picker-root')
if (!root) throw new Error('Cairn: #picker-root element missing from picker.html')
createRoot(root).render(
  <StrictMode>
    <Picker backend={backendFrom(window.cairn)} />
  </StrictMode>,
)
