#!/usr/bin/env bash
# Publishes the one Lambda package: `bootstrap` for the provided.al2023 runtime (linux-x64, x86_64),
# compiled with Native AOT (one native executable, no .NET runtime inside), with the pipeline's
# configuration (warehouse/) beside it; then zips it.
#   ./build-lambda.sh                -> artifacts/lambda/bootstrap/ and artifacts/lambda/healthdw-lambda.zip (deployed)
#   ./build-lambda.sh --ready-to-run -> artifacts/lambda-readytorun/...: self-contained, trimmed and ReadyToRun, the
#                                       JIT package it replaced, kept so `bench --cold-start` can compare the two
# The AOT publish takes about 2-3 minutes on a 2-core machine (much longer while other builds share it), so a
# package whose inputs (the Lambda's projects, the configuration, the build settings, the SDK) are unchanged
# since it was built is kept (--force rebuilds). Outside a git work tree it always rebuilds.
set -euo pipefail
cd "$(dirname "$0")"
variant=aot force=false
for arg in "$@"; do
  case "$arg" in
    --ready-to-run) variant=readytorun ;;
    --force) force=true ;;
    *) echo "usage: $0 [--ready-to-run] [--force]" >&2; exit 2 ;;
  esac
done
if [ "$variant" = aot ]; then
  out=artifacts/lambda
  mode=()   # PublishAot is set in HealthDw.Lambda.csproj
  if ! command -v clang >/dev/null && ! command -v gcc >/dev/null; then
    echo "build-lambda.sh: Native AOT links with the platform's C toolchain: install clang or gcc (apt-get install clang)" >&2
    exit 2
  fi
else
  out=artifacts/lambda-readytorun
  mode=(-p:PublishAot=false --self-contained -p:PublishReadyToRun=true -p:PublishTrimmed=true)
fi

# The inputs' fingerprint: every file of the projects the package is built from, tracked or not (build output aside).
inputs() {
  dotnet --version
  echo "$variant"
  git ls-files -z --cached --others --exclude-standard -- build-lambda.sh Directory.Build.props Directory.Packages.props \
      global.json nuget.config NuGet.config warehouse functions/HealthDw.Lambda functions/HealthDw.Core \
      functions/HealthDw.Storage functions/HealthDw.Warehouse functions/HealthDw.Functions functions/HealthDw.Hosting \
    | sort -z | xargs -0 -r sha256sum
}
stamp="$out/inputs.sha256"
fingerprint=none
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then fingerprint=$(inputs | sha256sum | cut -d' ' -f1); fi
if [ "$force" = false ] && [ "$fingerprint" != none ] && [ -x "$out/bootstrap/bootstrap" ] && [ -f "$out/healthdw-lambda.zip" ] \
   && [ "$(cat "$stamp" 2>/dev/null)" = "$fingerprint" ]; then
  echo "build-lambda.sh: $out is up to date with its sources (--force rebuilds)"
  exit 0
fi

rm -rf "$out"
dotnet publish functions/HealthDw.Lambda -c Release -r linux-x64 "${mode[@]}" -p:DebugType=none \
  -o "$out/bootstrap" --nologo -v quiet
(cd "$out/bootstrap" && zip -q -r -X ../healthdw-lambda.zip .)
echo "$fingerprint" > "$stamp"
echo "build-lambda.sh: $variant, $(du -sh "$out/bootstrap" | cut -f1) in $out/bootstrap, $(du -h "$out/healthdw-lambda.zip" | cut -f1) zipped"
