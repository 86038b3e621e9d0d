// The dedicated server's end of a client connection: reads and writes that block only through
// the wait API ('SQL*Net message from client' while idle, 'SQL*Net message to client' while the
// client is slow to take our output), so every such wait is visible in V$SESSION and ends at
// once on an interrupt (kill, shutdown). The socket is non-blocking underneath.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <string>
#include <string_view>

#include "wait/event_catalog.h"

namespace warden::net {

class ClientSocket {
 public:
  explicit ClientSocket(int fd);
  ~ClientSocket();
  ClientSocket(const ClientSocket&) = delete;
  ClientSocket& operator=(const ClientSocket&) = delete;

  int fd() const { return fd_; }

  // Reads up to `cap` bytes, waiting as long as needed (with interrupt checks) for at least
  // one. Returns the count, 0 when the client closed, -1 on a socket error.
  // May throw OraError from an interrupt.
  ssize_t Read(char* buf, size_t cap);
  // Writes every byte of *buf, waiting while the socket buffer is full, and removes from its
  // front what has been sent. False if the client is gone. May throw OraError from an
  // interrupt; *buf then holds exactly the bytes not yet sent, so the caller can append an
  // ErrorResponse after them and the stream stays well-formed.
  bool Write(std::string* buf);
  // Best effort, never waits: for the last words to a client that is being disconnected.
  void WriteNoWait(std::string_view bytes);

 private:
  int fd_;
};

}  // namespace warden::net
