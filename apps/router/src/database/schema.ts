export const ROUTER_SCHEMA = 'router';
