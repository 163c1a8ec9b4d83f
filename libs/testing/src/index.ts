// Test helpers shared by the integration and end-to-end tiers; never imported by production code.
export * from './database';
export * from './test-config';
export * from './eventually';
export * from './ports';
export * from './kafka-offsets';
