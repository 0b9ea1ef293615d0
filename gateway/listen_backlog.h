// Debian's compiled cpp-httplib listens with a backlog of 5: with more clients connecting at
// once, SYNs are dropped and clients retry after a second. Re-listening on the bound socket
// with a larger backlog fixes that without patching the library.
#pragma once

namespace wardline::gateway {

// Finds this process's listening IPv4/IPv6 socket on `port` and widens its backlog.
void WidenListenBacklog(int port, int backlog = 1024);

}  // namespace wardline::gateway
