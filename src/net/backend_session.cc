// One client connection, server side (see backend_session.h).
#include "net/backend_session.h"

#include <sys/random.h>
#include <unistd.h>

#include <cstring>
#include <exception>

#include "common/alert_log.h"
#include "common/ora_error.h"
#include "net/client_socket.h"
#include "net/pg_backend_messages.h"
#include "net/pg_frame_reader.h"
#include "net/pg_frontend_messages.h"
#include "net/scram_server.h"
#include "net/scram_verifier.h"
#include "sga/post_wait.h"
#include "sga/sga.h"
#include "sql/executor.h"
#include "sql/fixed_views.h"
#include "sql/stored_table.h"
#include "txn/transaction.h"
#include "wait/interrupts.h"
#include "wait/time_model.h"

namespace warden::net {
namespace {

// PostgreSQL type OIDs and sizes used in RowDescription.
constexpr PgOid kNumericOid = 1700;
constexpr PgOid kVarcharOid = 1043;
constexpr PgOid kTimestampOid = 1114;
// Flush the output buffer to the client once it holds this much.
constexpr size_t kFlushThreshold = 64 * 1024;

PgFieldDescription DescribeColumn(const sql::ColumnDef& c) {
  PgFieldDescription f;
  f.name = c.name;
  switch (c.type) {
    case sql::DataType::kNumber:
      f.type_oid = kNumericOid;
      f.type_size = -1;
      break;
    case sql::DataType::kDate:
      f.type_oid = kTimestampOid;
      f.type_size = 8;
      break;
    default:
      f.type_oid = kVarcharOid;
      f.type_size = -1;
      break;
  }
  return f;
}

// Streams a statement's result into the output buffer as RowDescription and DataRows.
class WireSink : public sql::ResultSink {
 public:
  WireSink(std::string* out, ClientSocket* socket) : out_(out), socket_(socket) {}
  void Columns(const std::vector<sql::ColumnDef>& cols) override {
    PgRowDescription rd;
    for (const sql::ColumnDef& c : cols) rd.fields.push_back(DescribeColumn(c));
    rd.EncodeTo(out_);
  }
  void Row(const std::vector<sql::Value>& row) override {
    PgDataRow dr;
    dr.values.reserve(row.size());
    for (const sql::Value& v : row) {
      if (v.is_null()) {
        dr.values.emplace_back(std::nullopt);
      } else {
        dr.values.emplace_back(v.ToText());
      }
    }
    dr.EncodeTo(out_);
    if (out_->size() >= kFlushThreshold) Flush();
  }
  void Flush() {
    if (!socket_->Write(out_)) {
      throw OraError::Make(3113, {}, Severity::kFatal);  // the client is gone
    }
  }

 private:
  std::string* out_;
  ClientSocket* socket_;
};

class Backend {
 public:
  Backend(int fd, const BackendConfig& config)
      : socket_(fd),
        config_(config),
        reader_(PgFrameLimits{10000, static_cast<uint32_t>(config.max_message_size), 10000}) {}

  ~Backend() {
    wait::BindInterruptWord(nullptr);
    // The transaction is rolled back before the session is freed: a killer waiting for the
    // session to go returns only once its locks are released (DESIGN §5 step 4).
    try {
      txn_.Rollback();
    } catch (const std::exception& e) {  // PMON finishes it after the process exits
      AlertLog::Write(std::string("Rollback at logoff failed: ") + e.what());
    }
    if (sid_ >= 0) sga::SessionSlotFree(sid_);
  }

  void Run() {
    try {
      if (!Startup()) return;
      if (!Authenticate()) return;
      Logon();
      ServeQueries();
    } catch (const OraError& e) {
      // Only FATAL ones reach here (statement errors are handled in ServeQueries).
      SendFatal(e);
    } catch (const std::exception& e) {
      // Outside a statement (e.g. out of memory while reading a message): end this session
      // only, with a clear error, rather than abort the process.
      SendFatal(OraError::Make(600, {e.what()}, Severity::kFatal));
    }
  }

 private:
  // Reads the next frame; nullopt when the client closed the connection. A protocol error
  // becomes a FATAL OraError (ORA-03137).
  std::optional<PgFrame> ReadFrame() {
    char buf[16384];
    // Bounded by the client: each pass consumes bytes or ends the connection.
    for (;;) {
      std::optional<PgFrame> frame;
      PgStatus st = reader_.Next(&frame);
      if (!st.ok()) throw st.ToOraError();
      if (frame) return frame;
      ssize_t n = socket_.Read(buf, sizeof buf);
      if (n <= 0) {
        if (reader_.buffered_bytes() > 0) {
          AlertLog::Write("Connection from " + config_.peer + " closed inside a message");
        }
        return std::nullopt;
      }
      reader_.Feed(std::string_view(buf, static_cast<size_t>(n)));
    }
  }

  static void Check(const PgStatus& st) {
    if (!st.ok()) throw st.ToOraError();
  }

  // A CancelRequest names a dedicated server by OS pid and proves itself with the secret key
  // that server sent its client; a match sets the session's cancel interrupt and posts it.
  static void DeliverCancel(const PgCancelRequest& req) {
    for (int32_t i = 1; i < sga::Sga::processes(); ++i) {
      sga::ProcessSlot* p = sga::Sga::process(i);
      if (p->state.load() != static_cast<uint32_t>(sga::ProcState::kActive) ||
          p->spid.load() != req.process_id) {
        continue;
      }
      const int32_t sid = p->session.load();
      if (sid < 0) return;
      sga::SessionSlot* s = sga::Sga::session(sid);
      if (s->cancel_key.load() != req.secret_key) return;  // wrong key: ignored silently
      s->interrupts.fetch_or(sga::kInterruptCancel);
      sga::Post(i);
      return;
    }
  }

  bool Startup() {
    // At most three startup frames (pg_frame_reader.h): SSLRequest, GSSENCRequest, startup.
    for (int i = 0; i < 3; ++i) {
      std::optional<PgFrame> frame = ReadFrame();
      if (!frame) return false;
      PgStartupPacket packet;
      Check(DecodeStartupPacket(frame->payload, &packet));
      if (std::holds_alternative<PgSslRequest>(packet) ||
          std::holds_alternative<PgGssEncRequest>(packet)) {
        std::string refused(1, kPgEncryptionRefused);
        if (!socket_.Write(&refused)) return false;
        continue;
      }
      if (const auto* cancel = std::get_if<PgCancelRequest>(&packet)) {
        DeliverCancel(*cancel);
        return false;  // no reply: the connection just closes, as PostgreSQL's
      }
      startup_ = std::get<PgStartupMessage>(std::move(packet));
      return true;
    }
    return false;
  }

  // The next frame of the authentication exchange, which must be a 'p' message; nullopt if
  // the client hung up.
  std::optional<PgFrame> ReadAuthFrame(const char* expected) {
    std::optional<PgFrame> frame = ReadFrame();
    if (frame && frame->type != 'p') {
      throw PgStatus::Error(PgErrorKind::kMalformed, std::string("expected ") + expected)
          .ToOraError();
    }
    return frame;
  }

  bool Authenticate() {
    std::optional<BackendConfig::UserInfo> user = config_.find_user(startup_.user);
    ScramVerifier verifier;
    bool known = user && ScramVerifier::Parse(user->verifier, &verifier).ok();
    sysdba_ = known && user->sysdba;
    std::string nonce;
    if (!GenerateScramServerNonce(&nonce).ok()) {
      throw OraError::Make(600, {"SCRAM server nonce"}, Severity::kFatal);
    }
    ScramServerExchange scram(known ? &verifier : nullptr, startup_.user, config_.mock_secret,
                              nonce);
    std::string out;
    PgAuthenticationSasl{}.EncodeTo(&out);
    if (!socket_.Write(&out)) return false;

    std::optional<PgFrame> first = ReadAuthFrame("SASLInitialResponse");
    if (!first) return false;
    PgSaslInitialResponse initial;
    Check(PgSaslInitialResponse::Decode(first->payload, &initial));
    if (initial.mechanism != kScramSha256Mechanism || !initial.data) {
      throw OraError::Make(1017, {}, Severity::kFatal);
    }
    std::string server_first;
    ScramOutcome o = scram.HandleClientFirst(*initial.data, &server_first);
    if (o != ScramOutcome::kContinue) throw OraError::Make(1017, {}, Severity::kFatal);
    out.clear();
    PgAuthenticationSaslContinue{server_first}.EncodeTo(&out);
    if (!socket_.Write(&out)) return false;

    std::optional<PgFrame> final_frame = ReadAuthFrame("SASLResponse");
    if (!final_frame) return false;
    PgSaslResponse response;
    Check(PgSaslResponse::Decode(final_frame->payload, &response));
    std::string server_final;
    o = scram.HandleClientFinal(response.data, &server_final);
    if (o != ScramOutcome::kAuthenticated) {
      // Same answer for a wrong password and an unknown user; the reason stays in the log.
      AlertLog::Write("Logon denied for user '" + startup_.user + "' from " + config_.peer);
      throw OraError::Make(1017, {}, Severity::kFatal);
    }
    out.clear();
    PgAuthenticationSaslFinal{server_final}.EncodeTo(&out);
    PgAuthenticationOk{}.EncodeTo(&out);
    return socket_.Write(&out);
  }

  void Logon() {
    std::string user = startup_.user;
    for (char& c : user) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    const std::string* app = startup_.Find("application_name");
    sid_ = sga::SessionSlotClaim(sga::SessionType::kUser, user.c_str(),
                                 app != nullptr ? app->c_str() : "", config_.peer.c_str());
    if (sid_ < 0) throw OraError::Make(18, {}, Severity::kFatal);
    sga::SessionSlot* s = sga::Sga::session(sid_);
    wait::BindInterruptWord(&s->interrupts);
    context_.username = user;
    context_.sid = sid_ + 1;
    context_.serial = s->serial.load();
    context_.instance_name = sga::Sga::param(kInstanceName)->text;
    context_.sysdba = sysdba_;
    context_.check_interrupts = [] { wait::CheckInterrupts(); };
    context_.txn = &txn_;
    if (getrandom(&secret_key_, sizeof secret_key_, 0) != sizeof secret_key_) {
      throw OraError::Make(600, {"getrandom for the cancel key"}, Severity::kFatal);
    }
    s->cancel_key.store(secret_key_);

    std::string out;
    const std::pair<const char*, std::string> params[] = {
        {"server_version", "15.0 (Warden " + std::string(sga::kWardenVersion) + ")"},
        {"server_encoding", "UTF8"},
        {"client_encoding", "UTF8"},
        {"DateStyle", "ISO, MDY"},
        {"integer_datetimes", "on"},
        {"standard_conforming_strings", "on"},
        {"TimeZone", "UTC"},
        {"IntervalStyle", "postgres"},
        {"is_superuser", "off"},
        {"session_authorization", user},
        {"application_name", app != nullptr ? *app : ""},
    };
    for (const auto& [name, value] : params) PgParameterStatus{name, value}.EncodeTo(&out);
    PgBackendKeyData{static_cast<int32_t>(getpid()), secret_key_}.EncodeTo(&out);
    PgReadyForQuery{PgTransactionStatus::kIdle}.EncodeTo(&out);
    if (!socket_.Write(&out)) throw OraError::Make(3113, {}, Severity::kFatal);
  }

  void ServeQueries() {
    sga::SessionSlot* s = sga::Sga::session(sid_);
    sql::DatabaseCatalog catalog(&context_);
    // Bounded by the client: one message per pass until Terminate or EOF.
    for (;;) {
      std::optional<PgFrame> frame = ReadFrame();
      if (!frame || frame->type == 'X') return;
      if (frame->type != 'Q') {
        // The extended query protocol comes with prepared statements (the SQL issue).
        throw PgStatus::Error(PgErrorKind::kMalformed,
                              std::string("unsupported message type '") +
                                  (std::isprint(static_cast<unsigned char>(frame->type))
                                       ? std::string(1, frame->type)
                                       : std::to_string(static_cast<int>(frame->type))) +
                                  "'")
            .ToOraError();
      }
      PgQuery q;
      Check(PgQuery::Decode(frame->payload, &q));
      ServeQuery(q.sql, s, catalog);
    }
  }

  // One simple-protocol call: ACTIVE while it runs, its results or its error, then
  // ReadyForQuery. Only a FATAL error escapes (the session ends).
  void ServeQuery(const std::string& sql, sga::SessionSlot* s, sql::Catalog& catalog) {
    wait::CallTimer timer;  // 'DB time' and 'DB CPU'
    sga::SetSessionStatus(s, sga::SessionStatus::kActive);
    std::string out;
    WireSink sink(&out, &socket_);
    try {
      if (sql::IsEmptyStatement(sql)) {
        PgEmptyQueryResponse{}.EncodeTo(&out);
      } else {
        std::string tag = sql::ExecuteStatement(sql, catalog, context_, sink);
        PgCommandComplete{tag}.EncodeTo(&out);
      }
    } catch (const OraError& e) {
      if (e.severity() != Severity::kError) throw;
      PgErrorResponse{PgErrorFields::FromOraError(e)}.EncodeTo(&out);
    } catch (const std::exception& e) {
      PgErrorResponse{PgErrorFields::FromOraError(OraError::Make(600, {e.what()}))}.EncodeTo(&out);
    }
    sga::SetSessionStatus(s, sga::SessionStatus::kInactive);
    PgReadyForQuery{txn_.active() ? PgTransactionStatus::kInTransaction : PgTransactionStatus::kIdle}
        .EncodeTo(&out);
    sink.Flush();
  }

  void SendFatal(const OraError& e) {
    OraError fatal = e;
    if (fatal.severity() == Severity::kError) fatal.set_severity(Severity::kFatal);
    std::string out;
    PgErrorResponse{PgErrorFields::FromOraError(fatal)}.EncodeTo(&out);
    socket_.WriteNoWait(out);
  }

  ClientSocket socket_;
  const BackendConfig& config_;
  PgFrameReader reader_;
  PgStartupMessage startup_;
  int32_t sid_ = -1;
  int32_t secret_key_ = 0;
  bool sysdba_ = false;
  sql::SessionContext context_;
  txn::Transaction txn_;  // context_.txn points here
};

}  // namespace

void RefuseConnection(int fd, const OraError& error) {
  std::string out;
  PgErrorResponse{PgErrorFields::FromOraError(error)}.EncodeTo(&out);
  ClientSocket socket(fd);  // closes fd
  socket.WriteNoWait(out);
}

void RunBackendSession(int fd, const BackendConfig& config) {
  Backend backend(fd, config);
  backend.Run();
}

}  // namespace warden::net
