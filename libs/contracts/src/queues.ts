// BullMQ queue names are a contract with operators' tooling and with jobs already in Redis: never rename
// a value, add a new queue instead. Kebab-case; BullMQ forbids ':' in them.
export const Queues = {
  // The router's signed HTTP pushes to offices' webhook endpoints.
  WebhookDelivery: 'webhook-delivery',
} as const;

export type QueueName = (typeof Queues)[keyof typeof Queues];
