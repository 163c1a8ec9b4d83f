// Generates libs/client/src/gateway.schema.ts (the gateway's paths and DTOs as TypeScript types) from the checked-in
// contract, openapi/gateway.json (scripts/openapi-schema.js does the work). With --stdout it prints instead of
// writing, which libs/client/src/gateway.schema.spec.ts compares with the checked-in file.
require('./openapi-schema').run('gateway');
