import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/** Text files worth compressing; images and fonts are compressed formats already. */
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|webmanifest)$/;

/**
 * Writes `file.br` and `file.gz` beside every text file of the build, once, at `npm run build`,
 * so the server sends compressed bytes without compressing per request (a village phone on 3G
 * downloads a quarter of the JavaScript). Files under 1 KB are left alone: the headers cost more.
 */
export function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'fangpin-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      const walk = (dir: string): string[] =>
        readdirSync(dir).flatMap((name) => {
          const full = path.join(dir, name);
          return statSync(full).isDirectory() ? walk(full) : [full];
        });
      for (const file of walk(outDir)) {
        if (!COMPRESSIBLE.test(file)) continue;
        const content = readFileSync(file);
        if (content.length < 1024) continue;
        writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }));
        writeFileSync(
          `${file}.br`,
          brotliCompressSync(content, {
            params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: content.length },
          }),
        );
      }
    },
  };
}

// The dev server proxies the API to a locally running `fangpin serve` (default port 3000);
// in production the server itself serves `dist/` with an SPA fallback.
export default defineConfig({
  base: '/',
  plugins: [react(), precompress()],
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
    rollupOptions: {
      treeshake: {
        // antd's own parts (@rc-component/*) do not declare `sideEffects: false` although they have
        // none, so an unused validator or popup engine stayed in the login page's download.
        moduleSideEffects: (id: string) => !/node_modules[\\/]@rc-component[\\/]/.test(id),
      },
    },
  },
});
