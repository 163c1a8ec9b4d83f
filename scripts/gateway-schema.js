// Generates libs/client/src/gateway.schema.ts (the gateway's paths and DTOs as TypeScript types) from the checked-in
// contract, openapi/gateway.json, with openapi-typescript's programmatic API, formatted as the workspace formats
// TypeScript. scripts/openapi.sh runs it after writing the JSON; with --stdout it prints instead of writing, which
// libs/client/src/gateway.schema.spec.ts compares with the checked-in file. Plain Node (openapi-typescript needs
// require() of ES modules, which Jest's runtime lacks).
const { readFileSync, writeFileSync } = require('node:fs');
const path = require('node:path');
const { default: openapiTS, astToString, COMMENT_HEADER } = require('openapi-typescript');
const prettier = require('prettier');

const root = path.join(__dirname, '..');
const contractPath = path.join(root, 'openapi', 'gateway.json');
const schemaPath = path.join(root, 'libs', 'client', 'src', 'gateway.schema.ts');

async function generate() {
  const contract = JSON.parse(readFileSync(contractPath, 'utf8'));
  const ast = await openapiTS(contract);
  const config = (await prettier.resolveConfig(schemaPath)) ?? {};
  return prettier.format(`${COMMENT_HEADER}${astToString(ast)}`, { ...config, filepath: schemaPath });
}

generate().then(
  (text) => {
    if (process.argv.includes('--stdout')) return void process.stdout.write(text);
    writeFileSync(schemaPath, text);
    console.error(`openapi: wrote ${path.relative(root, schemaPath)}`);
  },
  (e) => {
    console.error(`gateway-schema: ${e && e.stack ? e.stack : String(e)}`);
    process.exitCode = 1;
  },
);
