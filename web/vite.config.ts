import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

// In `pnpm dev` the API runs in its own watched process; the dev server forwards /api to it.
const apiPort = process.env.API_PORT ?? '3001';

export default defineConfig({
  plugins: [sveltekit()],
  server: {
    port: Number(process.env.PORT ?? 3000),
    proxy: { '/api': `http://127.0.0.1:${apiPort}` },
  },
});
