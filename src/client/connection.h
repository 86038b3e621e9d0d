// The server as the interpreter sees it: run one statement, get rows, a command tag or an
// error. The libpq implementation is pq_connection.h; tests use a fake.
#pragma once

#include <string>
#include <vector>

#include "client/result_formatter.h"

namespace warden::client {

struct QueryResult {
  enum class Kind { kRows, kCommand, kError };
  Kind kind = Kind::kCommand;
  std::vector<ResultColumn> columns;  // kRows
  std::vector<ResultRow> rows;        // kRows
  std::string tag;                    // kCommand: the CommandComplete tag, "UPDATE 3"
  std::string error_message;          // kError: "ORA-nnnnn: text" as the server sent it
  int error_position = 0;             // kError: 1-based character in the statement, 0 if none
};

class Connection {
 public:
  virtual ~Connection() = default;
  // Runs one statement (simple query protocol). If the connection is lost, returns kError
  // with the server's last message (ORA-03113 if it sent none) and connected() turns false.
  virtual QueryResult Execute(const std::string& sql) = 0;
  virtual bool connected() const = 0;
  virtual std::string user() const = 0;
};

}  // namespace warden::client
