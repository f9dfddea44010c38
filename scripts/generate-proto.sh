#!/usr/bin/env bash
# Regenerates the SwiftProtobuf message code for spantop's OTLP wire types.
#
#   scripts/generate-proto.sh          # rewrite Sources/OTLPReference/*.pb.swift
#   scripts/generate-proto.sh --check  # fail if the checked-in files are stale
#
# Inputs:  proto/*.proto (hand-written, OTLP-compatible package/field numbers)
# Output:  Sources/OTLPReference/<proto basename>.pb.swift (public types)
#
# Environment:
#   PROTOC                 protoc binary to use (default: `protoc` on PATH;
#                          Debian/Ubuntu: apt-get install protobuf-compiler)
#   PROTOC_GEN_SWIFT       existing protoc-gen-swift binary; skips the build
#   PROTOC_GEN_SWIFT_DIR   where swift-protobuf is cloned and built when
#                          PROTOC_GEN_SWIFT is unset
#                          (default: $HOME/.cache/spantop/swift-protobuf)
#   SWIFT_PROTOBUF_TAG     swift-protobuf tag to build (default: 1.39.0; keep it
#                          in step with the swift-protobuf dependency in
#                          Package.swift)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PROTO_DIR="$ROOT/proto"
OUT_DIR="$ROOT/Sources/OTLPReference"
SWIFT_PROTOBUF_TAG="${SWIFT_PROTOBUF_TAG:-1.39.0}"
SWIFT_PROTOBUF_URL="https://github.com/apple/swift-protobuf.git"
PROTOC="${PROTOC:-protoc}"

CHECK=0
case "${1:-}" in
  "") ;;
  --check) CHECK=1 ;;
  -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
  *) echo "usage: $0 [--check]" >&2; exit 2 ;;
esac

log() { echo "generate-proto: $*" >&2; }
die() { echo "generate-proto: error: $*" >&2; exit 1; }

# --- protoc ---------------------------------------------------------------
if ! command -v "$PROTOC" >/dev/null 2>&1; then
  die "'$PROTOC' not found. Install it with: apt-get install protobuf-compiler (or set PROTOC=/path/to/protoc)"
fi

# --- protoc-gen-swift -----------------------------------------------------
build_plugin() {
  local dir="${PROTOC_GEN_SWIFT_DIR:-$HOME/.cache/spantop/swift-protobuf}"
  local bin="$dir/.build/release/protoc-gen-swift"
  command -v git >/dev/null 2>&1 || die "git is required to fetch swift-protobuf"
  command -v swift >/dev/null 2>&1 || die "swift is required to build protoc-gen-swift"

  if [[ ! -d "$dir/.git" ]]; then
    log "cloning swift-protobuf $SWIFT_PROTOBUF_TAG into $dir"
    mkdir -p "$(dirname "$dir")"
    git clone -q "$SWIFT_PROTOBUF_URL" "$dir"
  fi
  local want have
  if ! want="$(git -C "$dir" rev-parse -q --verify "refs/tags/$SWIFT_PROTOBUF_TAG^{commit}")"; then
    git -C "$dir" fetch -q --tags origin
    want="$(git -C "$dir" rev-parse --verify "refs/tags/$SWIFT_PROTOBUF_TAG^{commit}")" \
      || die "tag $SWIFT_PROTOBUF_TAG not found in $dir"
  fi
  have="$(git -C "$dir" rev-parse HEAD)"
  if [[ "$have" != "$want" ]]; then
    log "checking out swift-protobuf $SWIFT_PROTOBUF_TAG in $dir"
    git -C "$dir" checkout -q "$want"
    rm -f "$bin"
  fi
  if [[ ! -x "$bin" ]]; then
    log "building protoc-gen-swift (release; takes several minutes the first time)"
    (cd "$dir" && swift build -c release --product protoc-gen-swift) >&2
  fi
  [[ -x "$bin" ]] || die "build did not produce $bin"
  PROTOC_GEN_SWIFT="$bin"
}

if [[ -n "${PROTOC_GEN_SWIFT:-}" ]]; then
  [[ -x "$PROTOC_GEN_SWIFT" ]] || die "PROTOC_GEN_SWIFT=$PROTOC_GEN_SWIFT is not an executable file"
else
  build_plugin
fi
log "using $("$PROTOC" --version) and protoc-gen-swift $("$PROTOC_GEN_SWIFT" --version 2>/dev/null | awk '{print $NF}')"

# --- generate -------------------------------------------------------------
shopt -s nullglob
protos=("$PROTO_DIR"/*.proto)
[[ ${#protos[@]} -gt 0 ]] || die "no .proto files in $PROTO_DIR"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# Only message code is generated: protoc-gen-swift ignores `service` blocks
# (gRPC stubs would need a separate plugin, which spantop does not use).
"$PROTOC" \
  --proto_path="$PROTO_DIR" \
  --plugin=protoc-gen-swift="$PROTOC_GEN_SWIFT" \
  --swift_out="$tmp" \
  --swift_opt=Visibility=Public \
  --swift_opt=FileNaming=DropPath \
  "${protos[@]}"

generated=("$tmp"/*.pb.swift)
[[ ${#generated[@]} -gt 0 ]] || die "protoc produced no .pb.swift files"

if [[ $CHECK -eq 1 ]]; then
  mkdir -p "$tmp/current"
  existing=("$OUT_DIR"/*.pb.swift)
  if [[ ${#existing[@]} -gt 0 ]]; then cp "${existing[@]}" "$tmp/current/"; fi
  mkdir -p "$tmp/new" && mv "${generated[@]}" "$tmp/new/"
  if ! diff -ru "$tmp/current" "$tmp/new" >&2; then
    die "Sources/OTLPReference is out of date; run scripts/generate-proto.sh"
  fi
  log "generated code is up to date"
  exit 0
fi

mkdir -p "$OUT_DIR"
rm -f "$OUT_DIR"/*.pb.swift
mv "${generated[@]}" "$OUT_DIR/"
for f in "$OUT_DIR"/*.pb.swift; do log "wrote ${f#"$ROOT"/}"; done
