export * from './compile';
export * from './condition/to-predicate';
export * from './condition/to-sql';
export * from './facts';
export * from './ports';
export * from './run';
export * from './run-types';
