// Query results on the wire: the RowDescription of a statement's columns (NUMBER -> numeric,
// VARCHAR2 -> varchar, DATE -> timestamp) and the ResultSink that streams rows into the
// session's output buffer as DataRows (text format), sending it whenever it grows large.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "net/client_socket.h"
#include "net/pg_backend_messages.h"
#include "sql/executor.h"

namespace warden::net {

// PostgreSQL type OIDs Warden sends.
inline constexpr PgOid kPgTextOid = 25;
inline constexpr PgOid kPgNumericOid = 1700;
inline constexpr PgOid kPgVarcharOid = 1043;
inline constexpr PgOid kPgTimestampOid = 1114;

PgRowDescription RowDescriptionOf(const std::vector<sql::ColumnDef>& columns);

class WireSink : public sql::ResultSink {
 public:
  // Flush the output buffer to the client once it holds this much.
  static constexpr size_t kFlushThreshold = 64 * 1024;

  WireSink(std::string* out, ClientSocket* socket) : out_(out), socket_(socket) {}
  // Appends the RowDescription.
  void Columns(const std::vector<sql::ColumnDef>& cols) override;
  // Appends one DataRow; sends the buffer past kFlushThreshold.
  void Row(const std::vector<sql::Value>& row) override;
  // Sends the whole buffer; ORA-03113 (FATAL) when the client is gone.
  void Flush();

 private:
  std::string* out_;
  ClientSocket* socket_;
};

}  // namespace warden::net
