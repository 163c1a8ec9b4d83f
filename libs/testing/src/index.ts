// Test helpers shared by the integration and end-to-end tiers; never imported by production code. They depend on
// no workspace library, so every library can use them in its own specs without a dependency cycle.
export * from './database';
export * from './test-config';
export * from './eventually';
export * from './ports';
export * from './kafka-offsets';
export * from './openapi-drift';
