// node write-contract.mjs SERVED_OPENAPI_JSON DOCS_DIR
// Writes DOCS_DIR/openapi.json (the served document, indented) and DOCS_DIR/veza.postman_collection.json,
// generated from it by openapi-to-postmanv2 (installed in build/test-servers). The generator gives every
// item a random id (dropped; the collection gets a fixed one) and fakes values where a schema has no
// example (Math.random, seeded here), so regenerating is a no-op when the document did not change.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const [source, docs] = process.argv.slice(2);
// Seeded before the generator loads: its faker keeps a reference to Math.random.
let seed = 0x5eed;
Math.random = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};

const require = createRequire(new URL('../test-servers/package.json', import.meta.url));
const Converter = require('openapi-to-postmanv2');

const document = JSON.parse(readFileSync(source, 'utf8'));
writeFileSync(join(docs, 'openapi.json'), JSON.stringify(document, null, 2) + '\n');

const options = { folderStrategy: 'Tags', parametersResolution: 'Example', includeAuthInfoInExample: false };
Converter.convert({ type: 'json', data: document }, options, (error, result) => {
  if (error || !result.result) {
    console.error('openapi-to-postmanv2 failed:', error ?? result.reason);
    process.exit(1);
  }
  const collection = result.output[0].data;
  const withoutIds = (node) => {
    if (Array.isArray(node)) return node.map(withoutIds);
    if (node === null || typeof node !== 'object') return node;
    return Object.fromEntries(Object.entries(node).filter(([key]) => key !== 'id' || !('name' in node || 'code' in node))
      .map(([key, value]) => [key, withoutIds(value)]));
  };
  const fixed = withoutIds(collection);
  fixed.info = { ...fixed.info, _postman_id: '5f1c2a60-0c1e-4d3a-9f10-766561000001' };
  writeFileSync(join(docs, 'veza.postman_collection.json'), JSON.stringify(fixed, null, 2) + '\n');
});
