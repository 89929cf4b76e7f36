# syntax=docker/dockerfile:1
# Chokepoint API image: build with the toolchain better-sqlite3 needs, run without it.

# ---- build: compile the native addon, the TypeScript and the workbench page, drop dev dependencies and build leftovers ----
FROM node:24-bookworm-slim AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
# Not --ignore-scripts: better-sqlite3's install script builds the addon (prebuilt or node-gyp).
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
# The workbench page (src/web, bundled by Vite into dist/web) is typed by the generated API client in client/.
COPY client ./client
COPY src ./src
# The build also validates data/ once and writes it as dist/data/dataset.json (a start-up on it skips the CSV parse),
# and builds the trade store dist/data/trade.sqlite (the bulk trade tables, in the schema the migrations make).
COPY data ./data
COPY migrations ./migrations
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund \
 && cd node_modules/better-sqlite3 \
 && rm -rf deps src build/Release/obj build/Release/obj.target build/Release/.deps \
           build/Release/sqlite3.a build/Release/test_extension.node \
 && node -e "new (require('better-sqlite3'))(':memory:').prepare('select 1').get()"

# ---- runtime: only what the server reads at run time, as the non-root node user ----
FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATABASE_PATH=/var/lib/chokepoint/chokepoint.db
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY migrations ./migrations
COPY migrations-pg ./migrations-pg
COPY data ./data
COPY openapi ./openapi
# Code stays root-owned (read-only to the app); only the database directory, a volume, belongs to node.
RUN mkdir -p /var/lib/chokepoint && chown node:node /var/lib/chokepoint
VOLUME ["/var/lib/chokepoint"]
USER node
EXPOSE 3000
# Liveness only (no curl in the image); /ready is for orchestrators that route traffic.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "const h=process.env.HOST==='0.0.0.0'?'127.0.0.1':process.env.HOST;require('node:http').get({host:h,port:process.env.PORT,path:'/health',timeout:4000},(r)=>process.exit(r.statusCode===200?0:1)).on('error',()=>process.exit(1)).on('timeout',()=>process.exit(1))"]
# node is PID 1: src/server.ts handles SIGTERM/SIGINT itself (close-with-grace), so no init is needed.
CMD ["node", "dist/server.js"]
