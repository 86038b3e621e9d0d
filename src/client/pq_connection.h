// Connection over libpq: the only file that talks to the server. One statement at a time
// with PQexec (simple query protocol); the result is buffered whole.
#pragma once

#include <memory>
#include <string>

#include "client/connect_string.h"
#include "client/connection.h"

typedef struct pg_conn PGconn;
typedef struct pg_cancel PGcancel;

namespace warden::client {

class PqConnection : public Connection {
 public:
  // Connects with application_name "wsql", dbname "warden", client_encoding UTF8. Without a
  // password in target libpq falls back to PGPASSWORD / ~/.pgpass. On failure returns null
  // and sets *error to the text to print after "ERROR:" (libpq_messages.h).
  static std::unique_ptr<PqConnection> Connect(const ConnectTarget& target, std::string* error);
  // Takes ownership of an open connection and its cancel handle; Connect makes them.
  PqConnection(PGconn* conn, PGcancel* cancel) : conn_(conn), cancel_(cancel) {}
  ~PqConnection() override;
  PqConnection(const PqConnection&) = delete;
  PqConnection& operator=(const PqConnection&) = delete;

  QueryResult Execute(const std::string& sql) override;
  bool connected() const override;
  std::string user() const override;
  // Closes the server connection; the cancel handle stays valid (a cancel then reaches
  // nothing) until this object is destroyed.
  void Disconnect() override;
  // The server's "server_version" parameter.
  std::string server_version() const;
  // For a SIGINT handler: PQcancel on it is async-signal-safe. Valid while this lives.
  PGcancel* cancel_handle() const { return cancel_; }

 private:
  PGconn* conn_;  // null after Disconnect
  PGcancel* cancel_;
};

}  // namespace warden::client
