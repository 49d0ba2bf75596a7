// cypherlint checks actorgraph's .cypher files with Neo4j's own Cypher front
// end (@neo4j-cypher/language-support, the parser and semantic analysis of
// the Neo4j language server), so a statement that Neo4j 5 would reject, or
// that names a label, relationship type, property, function or procedure the
// database does not have, fails `make test` without a Neo4j server.
//
// Usage: node lint.mjs [--schema FILE] PATH...
// Each PATH is a .cypher file or a folder searched for them (node_modules
// and .git are skipped). Every diagnostic fails the run except "Parameter
// $x is not defined": the statements are parameterised by design.

import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { highlightSyntax, lintCypherQuery, isNotParamError, parseStatementsStrs, testData } from '@neo4j-cypher/language-support';

const here = dirname(fileURLToPath(import.meta.url));

// The statements target Neo4j 5 (5.26 LTS and later), whose default Cypher
// language is Cypher 5.
const language = 'CYPHER 5';

// loadSchema reads the schema generated from the Go vocabulary (labels,
// relationship types, property keys, which kinds each type joins) and adds
// the functions and procedures a Neo4j 5 server has. The package ships that
// registry as its mock of a real server; plugins (APOC, GDS) are left out
// because a community server does not have them.
export function loadSchema(path = join(here, 'schema.json')) {
  const schema = JSON.parse(readFileSync(path, 'utf8'));
  const mock = testData.mockSchema;
  const plugin = (name) => name.startsWith('apoc.') || name.startsWith('gds.');
  const functions = Object.fromEntries(
    Object.entries(mock.functions[language]).filter(([name, f]) => f.isBuiltIn && !plugin(name)));
  const procedures = Object.fromEntries(
    Object.entries(mock.procedures[language]).filter(([name]) => !plugin(name)));
  return {
    ...schema,
    defaultLanguage: language,
    functions: { [language]: functions },
    procedures: { [language]: procedures },
  };
}

// statementCount counts the statements of a text, ignoring chunks that
// hold only comments.
function statementCount(text) {
  return parseStatementsStrs(text).filter((s) =>
    s.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/[^\n]*/g, '').replace(/;/g, '').trim() !== '').length;
}

// Option keys of Neo4j's own schema commands, which are map keys but not
// properties.
const optionKeys = ['indexConfig', 'indexProvider', 'fulltext.analyzer', 'fulltext.eventually_consistent'];

const unquote = (name) => (name.startsWith('`') && name.endsWith('`') ? name.slice(1, -1).replaceAll('``', '`') : name);

// namesOutsideSchema finds labels, relationship types and property keys
// that the schema does not have, wherever they stand. Neo4j's language
// server warns only about names a statement reads, because writing a new
// name is legal Cypher; for actorgraph a label or property written under a
// misspelt name is a bug all the same, so every name the Cypher lexer sees
// is checked against the vocabulary.
function namesOutsideSchema(text, schema) {
  const names = new Set([...schema.labels, ...schema.relationshipTypes]);
  const keys = new Set([...schema.propertyKeys, ...(schema.mapKeys ?? []), ...optionKeys]);
  const problems = [];
  for (const t of highlightSyntax(text)) {
    const name = unquote(t.token);
    let message;
    if (t.tokenType === 'label' && !names.has(name)) {
      message = `label or relationship type ${name} is not in the vocabulary (graph/vocabulary.go)`;
    } else if (t.tokenType === 'property' && !keys.has(name)) {
      message = `property or map key ${name} is not in the graph model (graph/neo4jstore)`;
    }
    if (message) {
      problems.push({ line: t.position.line + 1, column: t.position.startCharacter + 1, severity: 'error', message });
    }
  }
  return problems;
}

// lintText returns the problems of one file's text: {line, column,
// severity, message}, lines and columns from 1.
export function lintText(text, schema) {
  const problems = [];
  const n = statementCount(text);
  if (n !== 1) {
    problems.push({ line: 1, column: 1, severity: 'error',
      message: n === 0 ? 'the file holds no statement' : `one statement per file: found ${n}` });
  }
  problems.push(...namesOutsideSchema(text, schema));
  const { diagnostics } = lintCypherQuery(text, schema);
  for (const d of diagnostics.filter(isNotParamError)) {
    problems.push({
      line: d.range.start.line + 1,
      column: d.range.start.character + 1,
      severity: d.severity === 1 ? 'error' : 'warning',
      message: d.message,
    });
  }
  return problems;
}

// cypherFiles lists the .cypher files under the given paths, sorted.
export function cypherFiles(paths) {
  const out = [];
  const walk = (p) => {
    if (statSync(p).isDirectory()) {
      for (const e of readdirSync(p)) {
        if (e !== 'node_modules' && e !== '.git') walk(join(p, e));
      }
    } else if (p.endsWith('.cypher')) {
      out.push(p);
    }
  };
  paths.forEach(walk);
  return out.sort();
}

// main lints the files and returns the exit status: 0 when every file is
// clean, 1 when any has a problem or no file was found.
export function main(args, out = console.log) {
  let schemaPath;
  const paths = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--schema') schemaPath = args[++i];
    else paths.push(args[i]);
  }
  const schema = loadSchema(schemaPath);
  const files = cypherFiles(paths.length ? paths : ['.']);
  if (files.length === 0) {
    out(`cypherlint: no .cypher file under ${paths.join(' ')}`);
    return 1;
  }
  let problems = 0;
  for (const f of files) {
    for (const p of lintText(readFileSync(f, 'utf8'), schema)) {
      out(`${f}:${p.line}:${p.column}: ${p.severity}: ${p.message}`);
      problems++;
    }
  }
  out(`cypherlint: ${files.length} files, ${problems} problems`);
  return problems === 0 ? 0 : 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
