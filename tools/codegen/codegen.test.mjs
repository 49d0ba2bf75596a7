// graphql-codegen, a standard client, against the live schema: start the
// real binary (AG_BIN) on an empty store, let codegen read the schema by
// introspection from its /graphql, type every example operation of
// schema/testdata (the twelve questions and the eight asked ones, all named),
// and compile what it wrote with TypeScript. Run by `make codegen` (part of
// `make test`).
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { generate } from "@graphql-codegen/cli";
import ts from "typescript";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const bin = process.env.AG_BIN ?? join(root, "bin", "actorgraph");
const dir = mkdtempSync(join(tmpdir(), "actorgraph-codegen-"));

/** Starts `actorgraph serve` on a free port; resolves with its /graphql URL. */
function serve() {
  return new Promise((resolve, reject) => {
    const proc = spawn(bin, ["serve", "--db", join(dir, "g.db"), "--addr", "127.0.0.1:0"], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    const timer = setTimeout(() => { proc.kill("SIGKILL"); reject(new Error(`serve did not start:\n${out}`)); }, 60_000);
    proc.stderr.on("data", (b) => {
      out += b;
      const m = /msg=listening addr=(\S+)/.exec(out);
      if (m) { clearTimeout(timer); resolve({ proc, url: `http://${m[1]}/graphql` }); }
    });
    proc.once("exit", (code) => { clearTimeout(timer); reject(new Error(`serve exited (${code}):\n${out}`)); });
  });
}

const server = await serve();
after(() => { server.proc.kill("SIGTERM"); if (!process.env.AG_KEEP) rmSync(dir, { recursive: true, force: true }); });

test("graphql-codegen types every example operation from the live schema, and the result compiles", async () => {
  const documents = [join(root, "schema/testdata/questions/*.graphql"), join(root, "schema/testdata/asked/*.graphql")];
  // The schema's types and the operations' result types, one file each (the
  // operations plugin writes the enums it needs itself).
  const types = join(dir, "types.ts"), operations = join(dir, "operations.ts");
  const files = await generate({
    schema: server.url,
    documents,
    silent: true,
    generates: {
      [types]: { plugins: ["typescript"], config: { enumsAsTypes: true } },
      [operations]: { plugins: ["typescript-operations"], config: { enumsAsTypes: true } },
    },
  }, false);
  const text = Object.fromEntries(files.map((f) => [f.filename, f.content]));
  for (const f of files) writeFileSync(f.filename, f.content);
  // One result type per named operation, from the twelve questions and the
  // eight asked ones; the input types of claims(where:).
  for (const name of ["WhoBlamedWhomQuery", "EstoniaToRussiaQuery", "UkGovernmentStatementsQuery", "LowConfidenceExtractedClaimsQuery"]) {
    assert.match(text[operations], new RegExp(`export type ${name} = `), `no type ${name}`);
  }
  assert.match(text[types], /export type ClaimWhere = \{/);
  assert.match(text[types], /export type ClaimGroup =/);
  // The schema's descriptions reach the generated types as comments.
  assert.match(text[types], /Widen `from`, `to` and `touches`/);
  const program = ts.createProgram([types, operations], { noEmit: true, strict: true, target: ts.ScriptTarget.ES2022, skipLibCheck: true });
  const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
  assert.deepEqual(diagnostics, []);
});
