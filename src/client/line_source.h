// Where input lines come from: a terminal (readline, readline_source.h) or a stream (script
// file, pipe). StreamLineSource never shows prompts.
#pragma once

#include <istream>
#include <optional>
#include <string>

namespace warden::client {

class LineSource {
 public:
  virtual ~LineSource() = default;
  // The next line without its newline, or nullopt at end of input. prompt is shown first by
  // sources that show prompts.
  virtual std::optional<std::string> ReadLine(const std::string& prompt) = 0;
};

class StreamLineSource : public LineSource {
 public:
  explicit StreamLineSource(std::istream& in) : in_(in) {}
  std::optional<std::string> ReadLine(const std::string& prompt) override;

 private:
  std::istream& in_;
};

}  // namespace warden::client
