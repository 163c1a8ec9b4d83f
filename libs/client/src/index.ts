// @careplan/client: the gateway's API for vendor software, typed from the checked-in contract (openapi/gateway.json).
export {
  createGatewayClient,
  dataOf,
  GatewayError,
  type components,
  type GatewayClient,
  type GatewayClientOptions,
  type operations,
  type paths,
  type Schemas,
} from './gateway.client';
export {
  bundleForm,
  sendBundle,
  sendJsonBundle,
  type BundleFileInput,
  type JsonBundle,
  type SendOptions,
} from './bundle.send';
export { waitForSubmission, WaitTimeoutError, type WaitOptions } from './submission.wait';
export {
  pullInbox,
  type PulledDelivery,
  type PullFailure,
  type PullOptions,
  type PullResult,
} from './inbox.pull';
export {
  verifyWebhookSignature,
  type WebhookHeaders,
  type WebhookVerification,
  type WebhookVerifyOptions,
} from './webhook.verify';
export { verifyReceipt, type ReceiptPublicKey } from './receipt.verify';
