#!/bin/sh
# build.sh OUT: compile bench/ns3/flows.cc against Debian's libns3-dev 3.37 into the binary OUT.
# compare.ts calls it on first use with a path under the OS temp directory keyed by a hash of
# flows.cc (see flowsBinaryPath), so nothing is ever written into the source tree.
# Headers are included as <ns3/...> with -I/usr/include only: /usr/include/ns3 must not be on
# the include path (its string.h shadows the system one), so pkg-config's --cflags are not used.
# NS3_INCLUDE_DIR (default /usr/include) and CXX (default g++) override where ns-3 and the compiler are.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
if [ $# -ne 1 ]; then
  echo "usage: sh bench/ns3/build.sh OUT (bench/ns3/compare.ts builds on first use, under the OS temp directory)" >&2
  exit 2
fi
include=${NS3_INCLUDE_DIR:-/usr/include}
cxx=${CXX:-g++}
if [ ! -e "$include/ns3/core-module.h" ]; then
  echo "build.sh: ns-3 headers not found in $include/ns3; install Debian's libns3-dev (apt-get install -y libns3-dev)" >&2
  exit 2
fi
if ! command -v "$cxx" >/dev/null 2>&1; then
  echo "build.sh: C++ compiler $cxx not found; install g++ (apt-get install -y g++)" >&2
  exit 2
fi
mkdir -p "$(dirname "$1")"
exec "$cxx" -O2 -std=c++17 -I"$include" -o "$1" "$here/flows.cc" \
  -lns3-point-to-point -lns3-applications -lns3-internet -lns3-traffic-control -lns3-bridge \
  -lns3-network -lns3-stats -lns3-core
