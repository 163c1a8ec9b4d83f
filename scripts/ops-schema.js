// Generates apps/console/src/api/ops.schema.ts (the operations API's paths and DTOs as TypeScript types, what the
// console's client is typed with) from the checked-in contract, openapi/ops.json (scripts/openapi-schema.js does the
// work). With --stdout it prints instead of writing, which apps/console/src/api/ops.schema.spec.ts compares.
require('./openapi-schema').run('ops');
