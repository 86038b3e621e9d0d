// ALTER SYSTEM SWITCH LOGFILE / CHECKPOINT (see system_log.h).
#include "sql/system_log.h"

#include "common/alert_log.h"
#include "common/clock.h"
#include "common/ora_error.h"
#include "sga/post_wait.h"
#include "sga/sga.h"
#include "sql/privileges.h"
#include "storage/redo_log.h"
#include "wait/wait.h"

namespace warden::sql {
namespace {

// A switch may wait for a checkpoint of the whole database; the session can always be
// cancelled or killed meanwhile (the waits check interrupts). One hour bounds it anyway.
constexpr int64_t kMaxWaitUs = 3600LL * 1000000;

// Asks through `requests`, posts `proc`, and waits on `event` until `done` reaches the ask.
void RequestAndWait(std::atomic<uint64_t>* requests, const std::atomic<uint64_t>* done,
                    std::atomic<int32_t>* proc, wait::EventId event) {
  const uint64_t want = requests->fetch_add(1) + 1;
  const int64_t deadline = MonotonicMicros() + kMaxWaitUs;
  while (done->load() < want) {
    if (MonotonicMicros() > deadline) throw OraError::Make(600, {"ALTER SYSTEM", "no progress"});
    sga::Post(proc->load());
    wait::WaitFor(event, 0, 0, 0, nullptr, 0, 100000);
  }
}

}  // namespace

void ExecuteSystemLog(const SystemLogStatement& stmt, const SessionContext& session) {
  RequireSysPriv(session, storage::kPrivAlterSystem);
  storage::RedoLogState* log = storage::RedoLog();
  if (log == nullptr) throw OraError::Make(600, {"ALTER SYSTEM", "no redo log"});
  sga::SgaHeader* h = sga::Sga::header();
  if (stmt.action == SystemLogStatement::Action::kSwitchLogfile) {
    AlertLog::Write("ALTER SYSTEM SWITCH LOGFILE");
    RequestAndWait(&log->switch_requests, &log->switches_done, &h->lgwr_proc,
                   wait::kLogFileSwitchCompletion);
  } else {
    AlertLog::Write("ALTER SYSTEM CHECKPOINT");
    RequestAndWait(&log->checkpoint_requests, &log->checkpoints_done, &h->ckpt_proc,
                   wait::kCheckpointCompleted);
  }
}

}  // namespace warden::sql
