export * from './topics';
export * from './events';
export * from './registry.events';
export * from './queues';
export * from './validation-report';
