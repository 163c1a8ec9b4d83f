# syntax=docker/dockerfile:1
# One image for the four services (gateway, validator, router, archive) and the tools; the command
# picks what runs, e.g. `node dist/apps/gateway/src/main.js` or `node dist/tools/migrate.js`.
# docker-compose.yml builds it once per service (BuildKit's cache makes the repeats instant).

ARG NODE_IMAGE=node:24-bookworm-slim

# ---- build: all dependencies, TypeScript -> dist/ (path aliases rewritten by scripts/build.js) -----
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV SCARF_ANALYTICS=false \
    NX_DAEMON=false \
    npm_config_audit=false \
    npm_config_fund=false \
    npm_config_update_notifier=false
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci
COPY . .
RUN node scripts/build.js && rm -f dist/.tsbuildinfo

# ---- runtime: production dependencies + compiled output, non-root ------------------------------------
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    NODE_OPTIONS=--enable-source-maps \
    SCARF_ANALYTICS=false \
    npm_config_audit=false \
    npm_config_fund=false \
    npm_config_update_notifier=false
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev
COPY --from=build /app/dist ./dist
# Files stay root-owned (read-only for the app); the process runs as the image's unprivileged user.
USER node
EXPOSE 3000 3001 3002 3003
CMD ["node", "dist/apps/gateway/src/main.js"]
