import path from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { precompress } from './vite.config.ts';

/**
 * The field app (/field, docs/field-app.md) is built on its own, after the admin app, into the same
 * `dist/`: its chunks are its own (React and only the domain code it runs, tree-shaken for it), and
 * the admin app's chunks — and the login page's budget — stay exactly as they were.
 */
export default defineConfig({
  base: '/',
  plugins: [react(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    rollupOptions: { input: { field: path.resolve(import.meta.dirname, 'field.html') } },
  },
});
