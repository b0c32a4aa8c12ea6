#!/usr/bin/env bash
# Builds the app bundle the appliance installs in /opt/ccapp: ARI types generated from the
# Asterisk in the image (CCAPP_ARI_SPEC_DIR), TypeScript compiled to dist/, the panel built by
# Vite into web/dist/ (served by the app, config paths.web), production node_modules. Output:
# build/ccapp-bundle.tar.gz, byte-identical for identical inputs so the image build can tell when
# the app changed.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"
spec=${CCAPP_ARI_SPEC_DIR:?set CCAPP_ARI_SPEC_DIR to the ARI API description (usr/share/asterisk/rest-api in the image)}
[ -f "$spec/resources.json" ] || { echo "bundle: no ARI API description in $spec" >&2; exit 1; }

npx tsx app/ari/codegen/generate.ts "$spec" app/ari/generated/ari.ts
rm -rf dist
npx tsc -p tsconfig.build.json
npm run --silent build:web

stage=build/stage
rm -rf "$stage" && mkdir -p "$stage"
cp -r dist package.json package-lock.json "$stage/"
mkdir -p "$stage/web" && cp -r web/dist "$stage/web/"
(cd "$stage" && npm ci --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error)
rm -f "$stage/package-lock.json"
find "$stage" -exec touch -h -d @0 {} +
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -C "$stage" -cf - . | gzip -n > build/ccapp-bundle.tar.gz.tmp
mv build/ccapp-bundle.tar.gz.tmp build/ccapp-bundle.tar.gz
echo "bundle: build/ccapp-bundle.tar.gz ($(du -h build/ccapp-bundle.tar.gz | cut -f1))"
