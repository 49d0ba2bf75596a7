import { defineConfig } from "vite";

// The UI benchmark page (bench/index.html), built apart from the app so that
// it never ships in the binary. bench/ui/run.mjs builds it into BENCH_OUT.
export default defineConfig({
  root: "bench",
  base: "./",
  build: {
    outDir: process.env.BENCH_OUT ?? "../node_modules/.bench-dist",
    emptyOutDir: true,
    target: "es2022",
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
  worker: { format: "es" },
});
