#!/usr/bin/env bash
# Regenerates the single InitialCreate migration of each database provider from StudyEdc.Core's current model.
# The study has not gone live, so the migrations are kept as one squashed migration per provider. Once a site
# stores real data, add incremental migrations instead (docs/database.md).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:$HOME/.dotnet/tools"
dotnet build src/StudyEdc.Core -nologo -v q
for provider in Sqlite SqlServer PostgreSql; do
  project="migrations/StudyEdc.Migrations.$provider"
  rm -f "$project"/Migrations/*.cs
  dotnet ef migrations add InitialCreate --project "$project" --startup-project "$project" --context StudyDbContext
done
