// Lines from a stream (see line_source.h).
#include "client/line_source.h"

namespace warden::client {

std::optional<std::string> StreamLineSource::ReadLine(const std::string& /*prompt*/) {
  std::string line;
  if (!std::getline(in_, line)) return std::nullopt;
  return line;
}

}  // namespace warden::client
