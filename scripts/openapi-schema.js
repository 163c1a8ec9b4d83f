// Generates TypeScript types (paths, DTOs) from a checked-in OpenAPI contract with openapi-typescript's programmatic
// API, formatted as the workspace formats TypeScript: the gateway's for the vendor client, the operations API's for
// the console. scripts/openapi.sh runs both after writing the JSON; with --stdout a target prints instead of
// writing, which each target's schema spec compares with the checked-in file. Plain Node (openapi-typescript needs
// require() of ES modules, which Jest's runtime lacks).
const { readFileSync, writeFileSync } = require('node:fs');
const path = require('node:path');
const { default: openapiTS, astToString, COMMENT_HEADER } = require('openapi-typescript');
const prettier = require('prettier');

const root = path.join(__dirname, '..');
const TARGETS = {
  gateway: { contract: 'openapi/gateway.json', schema: 'libs/client/src/gateway.schema.ts' },
  ops: { contract: 'openapi/ops.json', schema: 'apps/console/src/api/ops.schema.ts' },
};

async function generate({ contract, schema }) {
  const schemaPath = path.join(root, schema);
  const ast = await openapiTS(JSON.parse(readFileSync(path.join(root, contract), 'utf8')));
  const config = (await prettier.resolveConfig(schemaPath)) ?? {};
  return prettier.format(`${COMMENT_HEADER}${astToString(ast)}`, { ...config, filepath: schemaPath });
}

/** Writes (or with --stdout prints) the named target's schema; the exit code says whether it worked. */
function run(name) {
  const target = TARGETS[name];
  if (!target) {
    console.error(`openapi-schema: unknown target ${name} (${Object.keys(TARGETS).join(', ')})`);
    process.exitCode = 2;
    return;
  }
  generate(target).then(
    (text) => {
      if (process.argv.includes('--stdout')) return void process.stdout.write(text);
      writeFileSync(path.join(root, target.schema), text);
      console.error(`openapi: wrote ${target.schema}`);
    },
    (e) => {
      console.error(`openapi-schema ${name}: ${e && e.stack ? e.stack : String(e)}`);
      process.exitCode = 1;
    },
  );
}

module.exports = { run };
if (require.main === module) run(process.argv[2]);
