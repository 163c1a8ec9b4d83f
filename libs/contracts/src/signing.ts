// @careplan/contracts/signing: what signs and what verifies, pure node:crypto with no Nest or DTO imports, so
// @careplan/client (and the vendor CLI) load it without the services' framework.
export * from './webhooks/webhook-signature';
export * from './receipts/receipt.canonical';
