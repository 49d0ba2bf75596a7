// Empties ui/dist before a build, keeping the committed README.md that lets
// `go build` embed the folder when no UI has been built.
import { readdirSync, rmSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const dist = join(dirname(fileURLToPath(import.meta.url)), "..", "dist");
for (const name of readdirSync(dist)) {
  if (name !== "README.md") rmSync(join(dist, name), { recursive: true, force: true });
}
