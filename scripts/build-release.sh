#!/usr/bin/env bash
# The release build that `make install` copies to a server and `make bench` measures.
#
#   --static-swift-stdlib   the Swift runtime linked in: one self-contained file, and some 20 ms
#                           less start-up per run than with the shared libraries.
#   -disable-concrete-type-metadata-mangled-name-accessors
#                           a generic type the code names (a Dictionary of our own keys, GRDB's and
#                           ArgumentParser's sets) is instantiated through its metadata accessor, with
#                           the witness tables the compiler already knows, rather than by demangling
#                           its name at run time. Demangling checks each requirement (Key: Hashable)
#                           by a linear scan of the binary's 6 600 protocol conformances, 0.1 ms a
#                           type: 8 M of the 105 M instructions of an unchanged nightly run (make
#                           bench), for 0.1 MB more code. Applies to every module built here.
set -euo pipefail
cd "$(dirname "$0")/.."
exec "${SWIFT:-swift}" build -c release --static-swift-stdlib \
  -Xswiftc -Xfrontend -Xswiftc -disable-concrete-type-metadata-mangled-name-accessors "$@"
