import { defineConfig } from "vite";

// GraphiQL's stylesheet carries its fonts inline as data: URIs, which the
// server's Content-Security-Policy (default-src 'self') refuses. This plugin
// writes each one out as a file next to the stylesheet and points the
// stylesheet at it, so the page loads every byte from this origin and the
// policy needs no exception.
function fontsAsFiles() {
  return {
    name: "actorgraph-fonts-as-files",
    generateBundle(_options, bundle) {
      for (const asset of Object.values(bundle)) {
        if (asset.type !== "asset" || !asset.fileName.endsWith(".css")) continue;
        let n = 0;
        asset.source = String(asset.source).replace(
          /url\(\s*["']?data:font\/(woff2?|ttf|otf)(?:;charset=[^;,]+)?;base64,([A-Za-z0-9+/=]+)["']?\s*\)/g,
          (_m, ext, data) => {
            const ref = this.emitFile({ type: "asset", name: `graphiql-font-${n++}.${ext}`, source: Buffer.from(data, "base64") });
            return `url(./${this.getFileName(ref).split("/").pop()})`;
          },
        );
      }
    },
  };
}

// Builds GraphiQL into ../dist/graphiql, served by the binary at /graphiql/
// next to the web UI (ui/embed.go). Run after the UI's own build, which
// empties ../dist.
export default defineConfig({
  base: "/graphiql/",
  plugins: [fontsAsFiles()],
  build: {
    outDir: "../dist/graphiql",
    emptyOutDir: true,
    assetsDir: "assets",
    sourcemap: false,
    target: "es2022",
    // The CSP forbids inline scripts: never inline the module preload polyfill.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 4096,
    rollupOptions: {
      // React libraries mark themselves "use client" for server rendering,
      // which a browser bundle has no use for.
      onwarn(warning, warn) {
        if (warning.code !== "MODULE_LEVEL_DIRECTIVE") warn(warning);
      },
    },
  },
});
