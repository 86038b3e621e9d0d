// The server as the interpreter sees it: run one statement, get rows, a command tag or an
// error. The libpq implementation is pq_connection.h; tests use a fake.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "client/connect_string.h"
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
  // Closes the connection (CONNECT to another user, DISCONNECT); connected() turns false.
  virtual void Disconnect() = 0;
};

// Opens connections for CONNECT. wsql's implementation asks for a missing password.
class Connector {
 public:
  virtual ~Connector() = default;
  // A new connection, or null with *error set to the text SQL*Plus prints after "ERROR:".
  virtual std::unique_ptr<Connection> Connect(const ConnectTarget& target, std::string* error) = 0;
};

}  // namespace warden::client
