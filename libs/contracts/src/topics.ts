// Topic names are a contract between services and with operators' tooling: never rename a value,
// publish a new version (…v2) instead. Every topic has a `.dlq` twin for poison messages.
export const Topics = {
  SubmissionReceived: 'careplan.submission.received.v1',
  SubmissionValidated: 'careplan.submission.validated.v1',
  SubmissionRejected: 'careplan.submission.rejected.v1',
  DeliveryDelivered: 'careplan.delivery.delivered.v1',
  DeliveryDownloaded: 'careplan.delivery.downloaded.v1',
  DeliveryAcknowledged: 'careplan.delivery.acknowledged.v1',
  // The office registry (archive, owner of offices and licenses) → the gateway's projection.
  OfficeChanged: 'careplan.office.changed.v1',
  LicenseChanged: 'careplan.license.changed.v1',
  // API keys (gateway, their owner): the record of each key change, whoever asked for it; nothing applies them back.
  ApiKeyIssued: 'careplan.apikey.issued.v1',
  ApiKeyRevoked: 'careplan.apikey.revoked.v1',
  // The gateway (vendor API) → the router's webhook endpoints.
  WebhookConfigured: 'careplan.webhook.configured.v1',
} as const;

export type TopicName = (typeof Topics)[keyof typeof Topics];

export const ALL_TOPICS: readonly TopicName[] = Object.values(Topics);

export function dlqTopicOf(topic: string): string {
  return `${topic}.dlq`;
}

/**
 * The Kafka message key of every event about a sender → receiver pair: one partition per pair keeps
 * bundles between two offices in the order they were accepted, through validation and delivery.
 */
export function pairKey(senderOfficeNumber: string, receiverOfficeNumber: string): string {
  return `${senderOfficeNumber}>${receiverOfficeNumber}`;
}
