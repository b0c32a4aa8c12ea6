// The web app's build: `npm run build:web` writes web/dist/ (index.html and hashed assets) for
// hapi to serve. Nothing here runs at run time: no dev server, no inline script or style (the
// server's Content-Security-Policy allows 'self' only), no data: URLs, no external URL.
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

const root = new URL('.', import.meta.url).pathname;

export default defineConfig({
  root,
  base: '/',
  publicDir: 'public',
  plugins: [preact({ prefreshEnabled: false, devToolsEnabled: false })],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Fonts and icons are files, never data: URLs (the CSP refuses them).
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
    reportCompressedSize: true,
  },
});
