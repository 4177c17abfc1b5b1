import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { index: resolve('src-main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload must be one CommonJS file with no external requires.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('src-preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('src-renderer'),
    build: {
      outDir: resolve('out/renderer'),
      rollupOptions: {
        input: {
          index: resolve('src-renderer/index.html'),
          // The copy-code picker window (src-renderer/src/picker) is its own small page.
          picker: resolve('src-renderer/picker.html'),
          // The confirmation after a screen, clipboard or file QR scan (src/picker/scan).
          scan: resolve('src-renderer/scan.html'),
        },
      },
    },
    plugins: [react()],
  },
})
