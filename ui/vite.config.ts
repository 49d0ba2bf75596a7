import { defineConfig } from "vite";

// `npm run dev` serves the UI with hot reload and forwards the API to a running
// actorgraph server (AG_SERVER, default http://127.0.0.1:8080), so the browser
// sees one origin, as in production.
const server = process.env.AG_SERVER ?? "http://127.0.0.1:8080";

export default defineConfig({
  base: "/",
  build: {
    outDir: "dist",
    // dist/README.md is committed (go:embed needs the folder to exist);
    // scripts/clean-dist.mjs empties the rest before each build.
    emptyOutDir: false,
    assetsDir: "assets",
    sourcemap: false,
    target: "es2022",
    // The CSP forbids inline scripts: never inline the module preload polyfill.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
  worker: { format: "es" },
  server: {
    host: "127.0.0.1",
    port: 5173,
    strictPort: false,
    proxy: {
      "/graphql": { target: server, changeOrigin: true },
      "/healthz": { target: server, changeOrigin: true },
      "/api": { target: server, changeOrigin: true },
    },
  },
});
