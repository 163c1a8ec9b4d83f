export * from './kafka.service';
export * from './messaging.tables';
export * from './outbox';
export * from './event-consumer';
export * from './core.providers';
export * from './topic-reader';
export * from './consumer-retry';
