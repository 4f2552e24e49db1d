import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The dev server proxies the API to a locally running `fangpin serve` (default port 3000);
// in production the server itself serves `dist/` with an SPA fallback.
export default defineConfig({
  base: '/',
  plugins: [react()],
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // antd + react are one large, long-cached vendor chunk; pages are split by route (src/app/router.tsx).
    chunkSizeWarningLimit: 900,
  },
});
