export const GATEWAY_SCHEMA = 'gateway';
