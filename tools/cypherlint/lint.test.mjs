// Shows that the lint fails on broken statements, and passes the kinds of
// statement the store writes: run by `make lint-cypher` (node --test).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lintText, loadSchema, main } from './lint.mjs';

const schema = loadSchema();

const clean = [
  'MATCH (n:Entity) WHERE n.id IN $ids RETURN n',
  'UNWIND $rows AS row MERGE (e:Evidence {id: row.id}) ON CREATE SET e.quote = row.quote',
  'MATCH (a:Entity)-[r:MEMBER_OF]->(b:Entity) RETURN r.confidence, a.prop_kind',
  'CALL db.index.fulltext.queryNodes(\'entity_text\', $query) YIELD node, score RETURN node, score',
  '// a comment before\nMATCH (d:Document) RETURN count(d) AS total',
];

for (const q of clean) {
  test(`accepts: ${q.slice(0, 60)}`, () => {
    assert.deepEqual(lintText(q, schema), []);
  });
}

const broken = [
  ['misspelt label', 'MATCH (n:Entty) WHERE n.id = $id RETURN n', /Entty is not present/],
  ['misspelt relationship type', 'MATCH (a:Entity)-[r:MEMBER_F]->(b:Entity) RETURN r', /MEMBER_F is not present/],
  ['misspelt property', 'MATCH (n:Entity) RETURN n.nmae', /nmae is not present/],
  ['syntax error', 'MATCH (n:Entity WHERE n.id = $id RETURN n', /Invalid input/],
  ['unknown function', 'MATCH (n:Entity) RETURN lenght(n.name)', /Function lenght is not present/],
  ['unknown procedure', 'CALL db.index.fulltxt.queryNodes(\'entity_text\', $q) YIELD node RETURN node', /Procedure db.index.fulltxt.queryNodes/],
  ['plugin procedure', 'CALL apoc.help(\'x\') YIELD name RETURN name', /apoc.help is not present/],
  ['misspelt label written by MERGE', 'MERGE (n:Entty {id: $id})', /label or relationship type Entty is not in the vocabulary/],
  ['misspelt label set on a node', 'MATCH (n:Entity) WHERE n.id = $id SET n:Persn', /Persn is not in the vocabulary/],
  ['misspelt type written by MERGE', 'MATCH (a:Entity) WHERE a.id = $a MATCH (b:Entity) WHERE b.id = $b MERGE (a)-[:MEMBR_OF]->(b)', /MEMBR_OF is not in the vocabulary/],
  ['misspelt property written by SET', 'MATCH (n:Entity) WHERE n.id = $id SET n.nmae = $name', /property or map key nmae/],
  ['misspelt row key', 'UNWIND $rows AS row MERGE (n:Entity {id: row.id}) SET n = row.propertes', /property or map key propertes/],
  ['two statements', 'MATCH (n:Entity) RETURN n; MATCH (d:Document) RETURN d', /one statement per file: found 2/],
  ['no statement', '// nothing here\n', /no statement/],
  ['deprecated syntax', 'MATCH (n:Entity) CALL { WITH n MATCH (n)--(m) RETURN m } RETURN m', /deprecated/],
  ['undefined variable', 'MATCH (n:Entity) RETURN m', /Variable `m` not defined/],
  ['forbidden by the vocabulary', 'MATCH (c:Country)-[r:BLAMES]->(x:Country) RETURN r', /BLAMES/],
];

for (const [name, q, want] of broken) {
  test(`rejects ${name}`, () => {
    const problems = lintText(q, schema);
    assert.ok(problems.length > 0, `no problem reported for ${q}`);
    assert.ok(problems.some((p) => want.test(p.message)),
      `want a problem matching ${want}, got ${JSON.stringify(problems.map((p) => p.message))}`);
  });
}

test('an undefined parameter alone is fine: statements are parameterised', () => {
  assert.deepEqual(lintText('MATCH (n:Entity) WHERE n.id = $id RETURN n', schema), []);
});

test('the command fails on a folder holding one broken file, naming it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cypherlint-'));
  writeFileSync(join(dir, 'good.cypher'), 'MATCH (n:Entity) RETURN n\n');
  writeFileSync(join(dir, 'bad.cypher'), 'MATCH (n:Entity)\nRETURN n.nmae\n');
  const lines = [];
  assert.equal(main([dir], (l) => lines.push(l)), 1);
  assert.ok(lines.some((l) => l.startsWith(join(dir, 'bad.cypher') + ':2:')), lines.join('\n'));
  assert.ok(!lines.some((l) => l.includes('good.cypher')), lines.join('\n'));
  assert.match(lines.at(-1), /2 files, [1-9][0-9]* problems/);
});

test('the command fails when it finds nothing to lint', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cypherlint-'));
  assert.equal(main([dir], () => {}), 1);
});
