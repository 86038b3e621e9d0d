// Client socket I/O through the wait API (see client_socket.h).
#include "net/client_socket.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

#include "wait/wait.h"

namespace warden::net {
namespace {
// 'SQL*Net message from/to client' P1: driver id, 'TCP\0' as Oracle reports it.
constexpr uint64_t kDriverTcp = 0x54435000;
}  // namespace

ClientSocket::ClientSocket(int fd) : fd_(fd) {
  int flags = fcntl(fd_, F_GETFL);
  fcntl(fd_, F_SETFL, flags | O_NONBLOCK);
}

ClientSocket::~ClientSocket() {
  if (fd_ >= 0) close(fd_);
}

ssize_t ClientSocket::Read(char* buf, size_t cap) {
  // Bounded by the client: each round either gets bytes, EOF, an error, or waits again; an
  // interrupt ends the wait with an exception.
  for (;;) {
    ssize_t n = recv(fd_, buf, cap, 0);
    if (n >= 0) return n;
    if (errno == EINTR) continue;
    if (errno != EAGAIN && errno != EWOULDBLOCK) return -1;
    pollfd p = {fd_, POLLIN, 0};
    wait::WaitFor(wait::kSqlNetMessageFromClient, kDriverTcp, 1, 0, &p, 1, -1);
  }
}

bool ClientSocket::Write(std::string* buf) {
  // Bounded by the buffer: each pass sends bytes, fails, or waits for room.
  while (!buf->empty()) {
    ssize_t n = send(fd_, buf->data(), buf->size(), MSG_NOSIGNAL);
    if (n > 0) {
      buf->erase(0, static_cast<size_t>(n));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) return false;
    pollfd p = {fd_, POLLOUT, 0};
    wait::WaitFor(wait::kSqlNetMessageToClient, kDriverTcp, buf->size(), 0, &p, 1, -1);
  }
  return true;
}

void ClientSocket::WriteNoWait(std::string_view bytes) {
  ssize_t n = send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
  (void)n;
}

}  // namespace warden::net
