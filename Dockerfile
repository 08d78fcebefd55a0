# Rekindle as a container: one binary, data in the /data volume.
#
#   docker build -t rekindle .
#   docker run -d --name rekindle -p 127.0.0.1:8080:8080 -v rekindle-data:/data rekindle
#
# Behind a TLS proxy, add -e REKINDLE_COOKIE_SECURE=true -e REKINDLE_TRUST_PROXY_HEADERS=true
# (docs/DEPLOY.md says why both). Backups, to a second mount (not the data volume):
#   docker exec rekindle rekindle backup /backups/rekindle-$(date -u +%Y%m%d).backup

# Stage 1: the release binary.
FROM rust:1-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release --locked -p rekindle \
 && install -m 0755 target/release/rekindle /usr/local/bin/rekindle

# Stage 2: a small runtime image with only the binary.
FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 rekindle \
 && useradd --system --uid 10001 --gid rekindle --home-dir /data --shell /usr/sbin/nologin rekindle \
 && mkdir -p /data \
 && chown rekindle:rekindle /data \
 && chmod 0700 /data
COPY --from=build /usr/local/bin/rekindle /usr/local/bin/rekindle
USER rekindle
WORKDIR /data
VOLUME ["/data"]
ENV REKINDLE_ADDR=0.0.0.0:8080 \
    REKINDLE_DATABASE_URL=sqlite:///data/rekindle.db
EXPOSE 8080
# No curl in the image: bash's /dev/tcp asks /healthz (200 once the database answers).
# It assumes port 8080; change it here too if REKINDLE_ADDR moves.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /healthz HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["rekindle"]
CMD ["serve"]
