// The drizzle schema of every table (DESIGN §3). One file per concept; this file only re-exports.
export * from './stores';
export * from './accounts';
export * from './customers';
export * from './catalog';
export * from './orders';
export * from './carts';
export * from './events';
export * from './workflows';
export * from './runs';
export * from './segments';
export * from './outbox';
export * from './deliveries';
export * from './path-counters';
