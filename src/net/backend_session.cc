// One client connection, server side (see backend_session.h).
#include "net/backend_session.h"

#include <sched.h>
#include <sys/random.h>
#include <unistd.h>

#include <cstring>
#include <exception>

#include "common/alert_log.h"
#include "common/ora_error.h"
#include "net/client_socket.h"
#include "net/extended_query.h"
#include "net/pg_backend_messages.h"
#include "net/pg_frame_reader.h"
#include "net/pg_frontend_messages.h"
#include "net/scram_server.h"
#include "net/scram_verifier.h"
#include "net/wire_result.h"
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

class Backend {
 public:
  Backend(int fd, const BackendConfig& config)
      : socket_(fd),
        config_(config),
        reader_(PgFrameLimits{10000, static_cast<uint32_t>(config.max_message_size), 10000}),
        sink_(&out_, &socket_) {}

  ~Backend() {
    // The transaction is rolled back before the session is freed: a killer waiting for the
    // session to go returns only once its locks are released (DESIGN §5 step 4).
    EndTransaction();
    if (sid_ >= 0) {
      wait::EndSessionCpu(sga::Sga::session(sid_));
      sga::SessionSlotFree(sid_);
    }
    // The sessions this session's end just woke (its row-lock waiters, a killer waiting for it
    // to go) are most likely queued on this CPU, as the kernel places a woken task near its
    // waker, behind a process about to spend most of a millisecond on its exit while the other
    // CPU may sit idle (perf sched, bench/kill_latency scenario 2a: the waiter's median was
    // 1.1 ms). Yielding lets them run first; with nothing else runnable it returns at once.
    // Not a wait: nothing is waited for.
    sched_yield();
  }

  void Run() {
    try {
      if (!Startup()) return;
      if (!Authenticate()) return;
      Logon();
      ServeQueries();
    } catch (const OraError& e) {
      // Only FATAL ones reach here (statement errors are handled in ServeQueries). The
      // transaction is rolled back before the client is told, as Oracle's order (DESIGN §5
      // step 4): a session blocked on one of its rows goes on without waiting for the send.
      EndTransaction();
      SendFatal(e);
    } catch (const std::exception& e) {
      // Outside a statement (e.g. out of memory while reading a message): end this session
      // only, with a clear error, rather than abort the process.
      EndTransaction();
      SendFatal(OraError::Make(600, {e.what()}, Severity::kFatal));
    }
  }

 private:
  // The session is ending: no interrupt is acted on any more (a pending kill must not break
  // off its own rollback), and its transaction is rolled back, releasing its locks and
  // posting their waiters. A second call finds nothing to do.
  void EndTransaction() {
    wait::BindInterruptWord(nullptr);
    try {
      txn_.Rollback();
    } catch (const std::exception& e) {  // PMON finishes it after the process exits
      AlertLog::Write(std::string("Rollback at logoff failed: ") + e.what());
    }
  }

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
    const bool locked = known && user->locked;
    const bool create_session = known && user->create_session;
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
    // The client now computes its proof (thousands of HMAC rounds): time to take this
    // process's first-throw cost, which a kill would otherwise pay with locks held.
    WarmUpThrow();

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
    // Only a client that proved the password learns the account's state (as Oracle).
    if (locked) throw OraError::Make(28000, {}, Severity::kFatal);
    if (!create_session) {
      std::string upper = startup_.user;
      for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      throw OraError::Make(1045, {upper}, Severity::kFatal);
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
    wait::StartSessionCpu(s);
    wait::BindInterruptWord(&s->interrupts);
    context_.username = user;
    context_.sid = sid_ + 1;
    context_.serial = s->serial.load();
    context_.instance_name = sga::Sga::param(kInstanceName)->text;
    context_.sysdba = sysdba_;
    context_.txn = &txn_;
    if (getrandom(&secret_key_, sizeof secret_key_, 0) != sizeof secret_key_) {
      throw OraError::Make(600, {"getrandom for the cancel key"}, Severity::kFatal);
    }
    s->cancel_key.store(secret_key_);

    context_.settings.SetSessionUser(user, sysdba_);
    // Settings the client sent in its startup packet apply as SETs; a bad value ends the
    // logon (FATAL), as in PostgreSQL. Other keys (user, database, options) are not settings.
    for (const auto& [name, value] : startup_.parameters) {
      if (context_.settings.Knows(name)) context_.settings.Set(name, value);
    }
    context_.settings.TakeChangedReports();  // logon reports every reported setting below

    std::string out;
    for (const auto& [name, value] : context_.settings.Reported()) {
      PgParameterStatus{name, value}.EncodeTo(&out);
    }
    PgBackendKeyData{static_cast<int32_t>(getpid()), secret_key_}.EncodeTo(&out);
    PgReadyForQuery{TransactionStatus()}.EncodeTo(&out);
    if (!socket_.Write(&out)) throw OraError::Make(3113, {}, Severity::kFatal);
  }

  void ServeQueries() {
    sga::SessionSlot* s = sga::Sga::session(sid_);
    sql::DatabaseCatalog catalog(&context_);
    ExtendedQuery extended(catalog, context_);
    // Bounded by the client: one message per pass until Terminate or EOF.
    for (;;) {
      std::optional<PgFrame> frame = ReadFrame();
      if (!frame || frame->type == 'X') return;
      switch (frame->type) {
        case 'Q': {
          if (extended.skipping()) break;  // discarded up to Sync, as every message
          PgQuery q;
          Check(PgQuery::Decode(frame->payload, &q));
          extended.DropUnnamed();
          ServeQuery(q.sql, s, catalog);
          break;
        }
        case 'S':
          Check(PgSync::Decode(frame->payload));
          extended.Sync();
          EndOfCalls();
          break;
        case 'H':
          Check(PgFlush::Decode(frame->payload));
          sink_.Flush();
          break;
        default: {
          if (!ExtendedQuery::Handles(frame->type)) {
            throw PgStatus::Error(PgErrorKind::kMalformed,
                                  std::string("unsupported message type '") +
                                      (std::isprint(static_cast<unsigned char>(frame->type))
                                           ? std::string(1, frame->type)
                                           : std::to_string(static_cast<int>(frame->type))) +
                                      "'")
                .ToOraError();
          }
          // One extended-protocol message is one call: ACTIVE and timed while it runs.
          wait::CallTimer timer;
          sga::SetSessionStatus(s, sga::SessionStatus::kActive);
          extended.Handle(*frame, &out_, sink_);
          sga::SetSessionStatus(s, sga::SessionStatus::kInactive);
          // A long pipeline without Sync must not grow the buffer without bound.
          if (out_.size() >= WireSink::kFlushThreshold) sink_.Flush();
          break;
        }
      }
    }
  }

  // One simple-protocol call: ACTIVE while it runs, its results or its error, then
  // ReadyForQuery. Only a FATAL error escapes (the session ends).
  void ServeQuery(const std::string& sql, sga::SessionSlot* s, sql::Catalog& catalog) {
    {
      // 'DB time': the call is counted before its reply goes out, so a client that has its
      // reply (and anyone it tells) finds the call in V$SESS_TIME_MODEL.
      wait::CallTimer timer;
      sga::SetSessionStatus(s, sga::SessionStatus::kActive);
      try {
        std::string tag = sql::ExecuteStatement(sql, catalog, context_, sink_);
        if (tag.empty()) {
          PgEmptyQueryResponse{}.EncodeTo(&out_);
        } else {
          PgCommandComplete{tag}.EncodeTo(&out_);
        }
      } catch (const OraError& e) {
        if (e.severity() != Severity::kError) throw;
        PgErrorResponse{PgErrorFields::FromOraError(e)}.EncodeTo(&out_);
      } catch (const std::exception& e) {
        PgErrorResponse{PgErrorFields::FromOraError(OraError::Make(600, {e.what()}))}
            .EncodeTo(&out_);
      }
      sga::SetSessionStatus(s, sga::SessionStatus::kInactive);
    }
    EndOfCalls();
  }

  // Before ReadyForQuery (end of a simple query, Sync): the settings that changed, then
  // ReadyForQuery with the transaction status, and everything is sent.
  void EndOfCalls() {
    for (const auto& [name, value] : context_.settings.TakeChangedReports()) {
      PgParameterStatus{name, value}.EncodeTo(&out_);
    }
    PgReadyForQuery{TransactionStatus()}.EncodeTo(&out_);
    sink_.Flush();
  }

  PgTransactionStatus TransactionStatus() {
    context_.transaction_status = txn_.active() ? 'T' : 'I';
    switch (context_.transaction_status) {
      case 'T':
        return PgTransactionStatus::kInTransaction;
      case 'E':
        return PgTransactionStatus::kFailed;
      default:
        return PgTransactionStatus::kIdle;
    }
  }

  void SendFatal(const OraError& e) {
    OraError fatal = e;
    if (fatal.severity() == Severity::kError) fatal.set_severity(Severity::kFatal);
    // What was already answered goes first (ClientSocket::Write leaves out_ on a message
    // boundary), so the client sees its earlier results, then the error.
    std::string out = std::move(out_);
    out_.clear();
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
  std::string out_;  // answers not yet sent
  WireSink sink_;    // rows into out_
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
