// ORADEBUG (see oradebug.h).
#include "sql/oradebug.h"

#include <signal.h>

#include "common/alert_log.h"
#include "common/clock.h"
#include "common/ora_error.h"
#include "diag/short_stack.h"
#include "sga/post_wait.h"
#include "sga/sga.h"

namespace warden::sql {
namespace {

constexpr const char* kProcessed = "Statement processed.";

void RequireArgs(const OradebugStatement& s, size_t min, size_t max) {
  const size_t args = s.words.size() - 1;
  if (args < min || args > max) {
    throw OraError::Make(73, {s.words[0], std::to_string(min), std::to_string(max)});
  }
}

int64_t Number(const std::string& word) {
  int64_t v = 0;
  for (char c : word) {
    if (c < '0' || c > '9' || v > 1'000'000'000) throw OraError::Make(72, {word});
    v = v * 10 + (c - '0');
  }
  return word.empty() ? -1 : v;
}

bool Active(int32_t slot) {
  return slot >= 0 && slot < sga::Sga::processes() &&
         sga::Sga::process(slot)->state.load() == static_cast<uint32_t>(sga::ProcState::kActive);
}

int32_t Attached(const ExecContext& ctx) {
  int32_t p = ctx.session->oradebug_proc;
  if (p < 0) throw OraError::Make(74);
  if (!Active(p)) throw OraError::Make(72, {std::to_string(p + 1)});
  return p;
}

std::string TraceFileOf(int32_t proc) {
  return AlertLog::TraceFile(sga::Sga::param(kInstanceName)->text,
                             sga::Sga::process(proc)->spid.load());
}

// The process state part of an error stack dump: the process, its session and its wait.
std::string ProcessState(int32_t proc) {
  const sga::ProcessSlot* p = sga::Sga::process(proc);
  std::string out = "PROCESS " + std::to_string(proc + 1) + ": " + p->program +
                    "\n  ospid: " + std::to_string(p->spid.load());
  const int32_t sess = p->session.load();
  if (sess >= 0) {
    const sga::SessionSlot* s = sga::Sga::session(sess);
    out += "\n  SESSION: sid " + std::to_string(sess + 1) + " serial# " +
           std::to_string(s->serial.load()) + " user " + s->username +
           "\n  wait seq# " + std::to_string(s->wait_seq.load()) + " event# " +
           std::to_string(s->wait_event.load()) +
           (s->waiting.load() ? " (waiting)" : " (on CPU)") + " p1 " +
           std::to_string(s->wait_p1.load()) + " p2 " + std::to_string(s->wait_p2.load()) +
           " p3 " + std::to_string(s->wait_p3.load());
  }
  return out;
}

std::vector<std::string> Run(const OradebugStatement& s, ExecContext& ctx) {
  if (!ctx.session->sysdba) throw OraError::Make(1031);
  if (s.words.empty()) throw OraError::Make(73, {"ORADEBUG", "1", "64"});
  const std::string& cmd = s.words[0];
  if (cmd == "SETMYPID") {
    RequireArgs(s, 0, 0);
    ctx.session->oradebug_proc = sga::MyProcessIndex();
    return {kProcessed};
  }
  if (cmd == "SETORAPID") {
    RequireArgs(s, 1, 1);
    const int64_t pid = Number(s.words[1]);
    if (pid < 1 || pid > sga::Sga::processes()) {
      throw OraError::Make(71, {std::to_string(sga::Sga::processes())});
    }
    if (!Active(static_cast<int32_t>(pid - 1))) throw OraError::Make(72, {s.words[1]});
    ctx.session->oradebug_proc = static_cast<int32_t>(pid - 1);
    return {"Oracle pid: " + s.words[1] + ", Unix process pid: " +
            std::to_string(sga::Sga::process(static_cast<int32_t>(pid - 1))->spid.load()),
            kProcessed};
  }
  if (cmd == "SETOSPID") {
    RequireArgs(s, 1, 1);
    const int64_t spid = Number(s.words[1]);
    for (int32_t i = 0; i < sga::Sga::processes(); ++i) {
      if (Active(i) && sga::Sga::process(i)->spid.load() == spid) {
        ctx.session->oradebug_proc = i;
        return {"Oracle pid: " + std::to_string(i + 1) + ", Unix process pid: " + s.words[1],
                kProcessed};
      }
    }
    throw OraError::Make(72, {s.words[1]});
  }
  if (cmd == "WAKEUP") {
    RequireArgs(s, 1, 1);
    const int64_t pid = Number(s.words[1]);
    if (pid < 1 || pid > sga::Sga::processes() || !Active(static_cast<int32_t>(pid - 1))) {
      throw OraError::Make(72, {s.words[1]});
    }
    sga::Post(static_cast<int32_t>(pid - 1));
    return {kProcessed};
  }
  if (cmd == "SHORT_STACK") {
    RequireArgs(s, 0, 0);
    std::string stack;
    if (!diag::ShortStack(Attached(ctx), &stack)) throw OraError::Make(27150, {});
    return {stack};
  }
  if (cmd == "TRACEFILE_NAME") {
    RequireArgs(s, 0, 0);
    return {TraceFileOf(Attached(ctx))};
  }
  if (cmd == "DUMP") {
    RequireArgs(s, 2, 2);
    if (s.words[1] != "ERRORSTACK") throw OraError::Make(73, {"DUMP", "2", "2"});
    const int64_t level = Number(s.words[2]);
    const int32_t proc = Attached(ctx);
    std::string dump = "*** " + AlertTimestamp(WallMicros()) + "\n----- Error Stack Dump -----\n" +
                       "ORADEBUG DUMP ERRORSTACK " + std::to_string(level) + "\n";
    if (level >= 1) {
      std::string stack;
      dump += "----- Call Stack Trace -----\n" +
              (diag::ShortStack(proc, &stack) ? stack : "(no answer: " + stack + ")") + "\n";
    }
    if (level >= 2) dump += "----- Process State -----\n" + ProcessState(proc) + "\n";
    AlertLog::AppendTrace(TraceFileOf(proc), dump);
    return {kProcessed};
  }
  if (cmd == "EVENT") {
    RequireArgs(s, 2, 2);
    if (s.words[1] != "IMMEDIATE" || s.words[2] != "CRASH") {
      throw OraError::Make(73, {"EVENT", "2", "2"});
    }
    const int32_t proc = Attached(ctx);
    AlertLog::Write("ORADEBUG EVENT IMMEDIATE CRASH of process " + std::to_string(proc + 1) +
                    " (ospid " + std::to_string(sga::Sga::process(proc)->spid.load()) + ")");
    kill(sga::Sga::process(proc)->spid.load(), SIGKILL);
    return {kProcessed};
  }
  throw OraError::Make(73, {cmd, "0", "0"});
}

class OradebugOutput : public Relation {
 public:
  OradebugOutput(const OradebugStatement& stmt, ExecContext& ctx) : stmt_(stmt), ctx_(ctx) {}
  const std::vector<ColumnDef>& columns() const override { return columns_; }
  bool Next(std::vector<Value>* row) override {
    if (!ran_) {
      ran_ = true;
      lines_ = Run(stmt_, ctx_);
    }
    if (next_ >= lines_.size()) return false;
    *row = {Value::Varchar(lines_[next_++])};
    return true;
  }

 private:
  const OradebugStatement& stmt_;
  ExecContext& ctx_;
  std::vector<ColumnDef> columns_ = {{"ORADEBUG", DataType::kVarchar2}};
  std::vector<std::string> lines_;
  size_t next_ = 0;
  bool ran_ = false;
};

}  // namespace

std::unique_ptr<Relation> OradebugRelation(const OradebugStatement& stmt, ExecContext& ctx) {
  return std::make_unique<OradebugOutput>(stmt, ctx);
}

}  // namespace warden::sql
