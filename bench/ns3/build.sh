#!/bin/sh
# build.sh: compile bench/ns3/flows.cc against Debian's libns3-dev 3.37 into bench/ns3/flows.
# Headers are included as <ns3/...> with -I/usr/include only: /usr/include/ns3 must not be on
# the include path (its string.h shadows the system one), so pkg-config's --cflags are not used.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
if [ ! -e /usr/include/ns3/core-module.h ]; then
  echo "build.sh: ns-3 headers not found; install Debian's libns3-dev (apt-get install -y libns3-dev)" >&2
  exit 2
fi
exec "${CXX:-g++}" -O2 -std=c++17 -I/usr/include -o "$here/flows" "$here/flows.cc" \
  -lns3-point-to-point -lns3-applications -lns3-internet -lns3-traffic-control -lns3-bridge \
  -lns3-network -lns3-stats -lns3-core
