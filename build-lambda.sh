#!/usr/bin/env bash
# Publishes the one Lambda package: `bootstrap` for the provided.al2023 runtime (linux-x64),
# self-contained, trimmed and ReadyToRun, with the pipeline's configuration inside; then zips it.
#   ./build-lambda.sh            -> artifacts/lambda/bootstrap/ and artifacts/lambda/healthdw-lambda.zip
# Native AOT needs the ILCompiler runtime pack, which this workplace's NuGet lacks; the code is
# AOT-clean (analyzers as errors), so where the pack exists add -p:PublishAot=true instead.
set -euo pipefail
cd "$(dirname "$0")"
out=artifacts/lambda
rm -rf "$out"
dotnet publish functions/HealthDw.Lambda -c Release -r linux-x64 --self-contained \
  -p:PublishReadyToRun=true -p:PublishTrimmed=true -p:DebugType=none -o "$out/bootstrap" --nologo -v quiet
(cd "$out/bootstrap" && zip -q -r -X ../healthdw-lambda.zip .)
echo "build-lambda.sh: $(du -sh "$out/bootstrap" | cut -f1) in $out/bootstrap, $(du -h "$out/healthdw-lambda.zip" | cut -f1) zipped"
