import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Serves the built SPA; any non-/api GET that is not a file falls back to index.html. */
export async function webStaticPlugin(app: FastifyInstance, options: { root: string }): Promise<void> {
  if (!existsSync(path.join(options.root, 'index.html'))) {
    app.log.warn({ root: options.root }, 'web build not found: serving the API only');
    return;
  }
  await app.register(fastifyStatic, { root: options.root, wildcard: false, index: ['index.html'] });
  app.get('/*', { schema: { hide: true } }, (request, reply) => {
    if (request.url.startsWith('/api/') || request.url === '/api') {
      return reply
        .status(404)
        .send({ error: { code: 'route_not_found', message: `No route GET ${request.url}` } });
    }
    return reply.sendFile('index.html');
  });
}
