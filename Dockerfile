# Multi-stage, non-root image of the hub. NOT BUILT HERE: no image registry is reachable from the
# machine this was written on, so `docker build` (which pulls node:20-bookworm-slim) was never run.
# It runs the same commands the tests exercise: `npm ci`, `node scripts/build-if-stale.js` (the
# build `npm start` uses), and `node dist/src/index.js` (what test/replicas.test.ts spawns).

# 1. Build: dev dependencies, compile TypeScript into dist/.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ormconfig.ts ./
COPY scripts ./scripts
COPY src ./src
COPY migrations ./migrations
COPY seeds ./seeds
COPY test ./test
RUN node scripts/build-if-stale.js --force

# 2. Runtime: production dependencies only, the compiled output, an unprivileged user.
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production PORT=4000
WORKDIR /app
COPY package.json package-lock.json ./
# The embedded PostgreSQL package stays (a dependency), but production needs DATABASE_URL unless
# EMBEDDED_DATABASE=true: replicas share one PostgreSQL.
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
USER node
EXPOSE 4000
# Liveness /healthz, readiness /readyz (503 from the first moment of a stop), metrics /metrics.
HEALTHCHECK --interval=15s --timeout=3s CMD node -e "require('http').get('http://127.0.0.1:'+(process.env.PORT||4000)+'/healthz',r=>process.exit(r.statusCode===200?0:1)).on('error',()=>process.exit(1))"
# Exec form: node is PID 1 and receives SIGTERM itself (graceful stop, see the README).
CMD ["node", "dist/src/index.js"]
