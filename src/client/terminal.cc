// Reading a password from the terminal without echo (see terminal.h).
#include "client/terminal.h"

#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

namespace warden::client {
namespace {

constexpr std::size_t kMaxSecret = 1024;

void WriteAll(int fd, const std::string& s) {
  std::size_t done = 0;
  while (done < s.size()) {  // each write makes progress or fails
    ssize_t n = ::write(fd, s.data() + done, s.size() - done);
    if (n <= 0) return;
    done += static_cast<std::size_t>(n);
  }
}

}  // namespace

std::optional<std::string> ReadSecretFromTerminal(const std::string& prompt) {
  int fd = ::open("/dev/tty", O_RDWR | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  WriteAll(fd, prompt);
  termios saved{};
  bool have_termios = ::tcgetattr(fd, &saved) == 0;
  if (have_termios) {
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(fd, TCSAFLUSH, &quiet);
  }
  std::string secret;
  bool got_line = false;
  char c = 0;
  while (secret.size() < kMaxSecret && ::read(fd, &c, 1) == 1) {
    if (c == '\n' || c == '\r') {
      got_line = true;
      break;
    }
    secret.push_back(c);
  }
  if (have_termios) ::tcsetattr(fd, TCSAFLUSH, &saved);
  WriteAll(fd, "\n");
  ::close(fd);
  if (!got_line && secret.empty()) return std::nullopt;
  return secret;
}

}  // namespace warden::client
