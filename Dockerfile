# One image for the API and the worker. The web app is built into apps/web/dist and served by the API.
FROM node:20-bookworm-slim
WORKDIR /app
RUN npm i -g pnpm@10.34.9
COPY . .
RUN pnpm install --frozen-lockfile && pnpm --filter @segflow/web build
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
EXPOSE 3000
CMD ["pnpm", "--filter", "@segflow/api", "exec", "tsx", "src/server.ts"]
