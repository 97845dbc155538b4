# vouch as a container image: `docker build -t vouch .` at the repository root,
# then `docker run --rm -v "$PWD:/src:ro" -w /src vouch check cdk.out --out /reports`.
# Stage 1 builds and packs with the dev dependencies; stage 2 installs the packed
# tarball (what users install from npm) with its production dependencies from
# the lockfile, the optional cloud SDKs included (for `vouch scan`), and runs as
# the unprivileged `node` user. Reports go to /reports, a writable volume, so the
# root filesystem can be read-only.
# test/package/dockerfile.integration.test.ts performs these steps outside Docker.
FROM node:20-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json tsconfig.json tsconfig.build.json README.md LICENSE CHANGELOG.md ./
COPY scripts ./scripts
COPY src ./src
COPY rules ./rules
COPY cdk ./cdk
COPY bin ./bin
COPY schema ./schema
COPY frameworks ./frameworks
# npm ci builds dist/ with its declarations (prepare); npm pack makes the tarball.
RUN npm ci --no-audit --no-fund && npm pack --ignore-scripts && mv vouch-*.tgz vouch.tgz

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /src/vouch.tgz /tmp/vouch.tgz
COPY --from=build /src/package-lock.json ./package-lock.json
RUN tar -xzf /tmp/vouch.tgz --strip-components=1 -C /app && rm /tmp/vouch.tgz \
 && npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force \
 && ln -s /app/bin/vouch /usr/local/bin/vouch
USER 1000:1000
VOLUME ["/reports"]
ENTRYPOINT ["vouch"]
CMD ["--help"]
