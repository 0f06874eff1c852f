export * from './dry-run-ports';
export * from './fake-ports';
export * from './customer-facts';
