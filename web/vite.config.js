import { defineConfig } from 'vite';

// The dyad server to proxy /api to while developing (`npm run dev`).
const api = process.env.DYAD_API || 'http://127.0.0.1:8099';

export default defineConfig({
  // The server serves dist/ at `/` and falls back to index.html for unknown
  // paths, so absolute asset URLs keep working on any path.
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // No source maps: dist/ is committed and must be byte-identical between builds.
    sourcemap: false,
    // The world atlas makes the map chunk large; that is expected.
    chunkSizeWarningLimit: 1200,
  },
  server: { proxy: { '/api': api } },
  preview: { proxy: { '/api': api } },
});
