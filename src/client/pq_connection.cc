// Connection over libpq (see pq_connection.h).
#include "client/pq_connection.h"

#include <libpq-fe.h>

#include <cstdlib>

#include "client/libpq_messages.h"

namespace warden::client {
namespace {

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

// Server notices (NOTICE, WARNING) are not shown: SQL*Plus has no such channel, and the
// COMMIT wsql sends at EXIT draws a warning from PostgreSQL when no transaction is open.
void DiscardNotice(void* /*arg*/, const char* /*message*/) {}

QueryResult ErrorResult(const PGresult* res, PGconn* conn) {
  QueryResult out;
  out.kind = QueryResult::Kind::kError;
  // An error the server sent carries a SQLSTATE; libpq's own (lost connection) does not.
  const char* sqlstate = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  const char* primary = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  if (sqlstate != nullptr && primary != nullptr) {
    out.error_message = primary;
    const char* position = PQresultErrorField(res, PG_DIAG_STATEMENT_POSITION);
    if (position != nullptr) out.error_position = std::atoi(position);
  } else if (PQstatus(conn) == CONNECTION_BAD) {
    out.error_message = LostConnectionText(PQerrorMessage(conn));
  } else {
    out.error_message = res ? PQresultErrorMessage(res) : PQerrorMessage(conn);
    while (!out.error_message.empty() && out.error_message.back() == '\n') {
      out.error_message.pop_back();
    }
  }
  return out;
}

}  // namespace

std::unique_ptr<PqConnection> PqConnection::Connect(const ConnectTarget& target,
                                                    std::string* error) {
  std::string port = std::to_string(target.port);
  const char* keys[] = {"host",
                        "port",
                        "user",
                        "dbname",
                        "application_name",
                        "client_encoding",
                        target.has_password ? "password" : nullptr,
                        nullptr};
  const char* values[] = {
      target.host.c_str(),     port.c_str(), target.user.c_str(), "warden", "wsql", "UTF8",
      target.password.c_str(), nullptr};
  PGconn* conn = PQconnectdbParams(keys, values, /*expand_dbname=*/0);
  if (conn == nullptr) {
    *error = "out of memory";
    return nullptr;
  }
  if (PQstatus(conn) != CONNECTION_OK) {
    *error = ConnectFailureText(PQerrorMessage(conn), target);
    PQfinish(conn);
    return nullptr;
  }
  PQsetNoticeProcessor(conn, DiscardNotice, nullptr);
  return std::make_unique<PqConnection>(conn, PQgetCancel(conn));
}

PqConnection::~PqConnection() {
  if (cancel_ != nullptr) PQfreeCancel(cancel_);
  Disconnect();
}

QueryResult PqConnection::Execute(const std::string& sql) {
  if (conn_ == nullptr) {
    QueryResult out;
    out.kind = QueryResult::Kind::kError;
    out.error_message = "ORA-03114: not connected to ORACLE";
    return out;
  }
  ResultPtr res(PQexec(conn_, sql.c_str()));
  ExecStatusType status = res ? PQresultStatus(res.get()) : PGRES_FATAL_ERROR;
  QueryResult out;
  switch (status) {
    case PGRES_TUPLES_OK: {
      out.kind = QueryResult::Kind::kRows;
      int ncols = PQnfields(res.get());
      int nrows = PQntuples(res.get());
      for (int c = 0; c < ncols; ++c) {
        unsigned oid = PQftype(res.get(), c);
        out.columns.push_back(
            {PQfname(res.get(), c), ColumnKindForTypeOid(oid), 0, oid, PQfmod(res.get(), c)});
      }
      out.rows.reserve(static_cast<std::size_t>(nrows));
      for (int r = 0; r < nrows; ++r) {
        ResultRow row;
        for (int c = 0; c < ncols; ++c) {
          if (PQgetisnull(res.get(), r, c)) {
            row.emplace_back(std::nullopt);
          } else {
            row.emplace_back(std::string(PQgetvalue(res.get(), r, c),
                                         static_cast<std::size_t>(PQgetlength(res.get(), r, c))));
          }
        }
        out.rows.push_back(std::move(row));
      }
      return out;
    }
    case PGRES_COMMAND_OK:
    case PGRES_EMPTY_QUERY:
      out.kind = QueryResult::Kind::kCommand;
      out.tag = PQcmdStatus(res.get());
      return out;
    default:
      return ErrorResult(res.get(), conn_);
  }
}

bool PqConnection::connected() const {
  return conn_ != nullptr && PQstatus(conn_) == CONNECTION_OK;
}

void PqConnection::Disconnect() {
  if (conn_ != nullptr) PQfinish(conn_);
  conn_ = nullptr;
}

std::string PqConnection::user() const {
  if (conn_ == nullptr) return "";
  const char* u = PQuser(conn_);
  return u ? u : "";
}

std::string PqConnection::server_version() const {
  if (conn_ == nullptr) return "";
  const char* v = PQparameterStatus(conn_, "server_version");
  return v ? v : "";
}

}  // namespace warden::client
