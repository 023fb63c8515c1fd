# Sourced by the measuring scripts here: from the repository root, builds the CLI (Release), sets $cli to it and
# $work to a scratch folder removed at exit.
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
dotnet build samples/SdfLearn.Cli -c Release -v quiet -nologo >/dev/null
cli=samples/SdfLearn.Cli/bin/Release/net10.0/sdflearn.dll
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
