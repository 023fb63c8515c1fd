#!/usr/bin/env bash
# Long seeded mutation fuzzing of every file reader (IDX raw and gzip, safetensors, SDF cache entries, GLB meshes): prints a
# table of counts by outcome per reader and exits 1 if any case was neither read nor refused with
# InvalidDataException, allocated past its bound, read damaged data silently, or took over a second.
#   scripts/fuzz/run-readers.sh                       # 10,000 cases per reader, seed 1
#   scripts/fuzz/run-readers.sh --cases 50000 --seed 7 idx-gzip
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build tests/fuzz/SdfLearn.Fuzz.csproj -c Release -v quiet -nologo >/dev/null
exec dotnet tests/fuzz/bin/Release/net10.0/SdfLearn.Fuzz.dll "$@"
