import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Served by the gateway at /dashboard/ (gateway/src/dashboard.ts); `npm run dev -w @mitra/dashboard`
// proxies the API to a hub started with `npm start`.
// eslint-disable-next-line no-restricted-syntax
export default defineConfig({
  base: '/dashboard/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The charts library is most of the bundle; one chunk keeps the page to three requests.
    chunkSizeWarningLimit: 1200,
  },
  server: {
    proxy: {
      '/graphql': 'http://localhost:4000',
      '/exports': 'http://localhost:4000',
      '/dashboard/dev-token': 'http://localhost:4000',
    },
  },
});
