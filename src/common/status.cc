// Status helpers.
#include "common/status.h"

#include <cstring>

namespace warden {

Status Status::FromErrno(const std::string& msg, int err) {
  return Status(msg + ": " + std::strerror(err));
}

}  // namespace warden
