import { onShutdownSignal, startServices } from './runtime/services';

// Entry point `server`: HTTP API + in-process worker over DATABASE_URL (WORKER=off for HTTP only;
// INLINE_EXECUTION=off leaves every ingested event to the workers' queue).
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error('DATABASE_URL is required (use `npm start` for the local mode with an embedded Postgres)');
  process.exit(2);
}
const services = await startServices({
  databaseUrl,
  host: process.env.HOST || '0.0.0.0',
  port: Number(process.env.PORT || 3000),
  withWorker: process.env.WORKER !== 'off',
  inlineExecution: process.env.INLINE_EXECUTION !== 'off',
  ...(process.env.WEB_ROOT ? { webRoot: process.env.WEB_ROOT } : {}),
});
console.log(`[segflow] api listening on ${services.url}${services.worker ? ' (with worker)' : ''}`);
onShutdownSignal(() => services.close());
