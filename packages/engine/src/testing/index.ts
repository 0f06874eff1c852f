export * from './customer-facts';
export * from './dry-run';
export * from './dry-run-ports';
export * from './fake-ports';
