// Deadlock graph text and its reporter hook (see deadlock.h).
#include "txn/deadlock.h"

#include <cstdio>

namespace warden::txn {
namespace {

DeadlockReporter g_reporter = nullptr;

// A mode column: blank for none, as Oracle's graph.
const char* ModeColumn(LockMode m) { return m == LockMode::kNone ? "" : LockModeName(m); }

}  // namespace

std::vector<DeadlockEdge> DeadlockEdges(const EnqueueGraph& graph,
                                        const std::vector<std::pair<int, int>>& cycle) {
  std::vector<DeadlockEdge> edges;
  edges.reserve(cycle.size());
  for (const auto& [w, b] : cycle) {
    const LockRecord& waiter = graph.records()[w];
    const LockRecord& blocker = graph.records()[b];
    edges.push_back({waiter.id, blocker.session, blocker.proc, blocker.lmode, blocker.request,
                     waiter.session, waiter.proc, waiter.lmode, waiter.request});
  }
  return edges;
}

std::string DeadlockGraphText(const std::vector<DeadlockEdge>& edges) {
  std::string out =
      "DEADLOCK DETECTED ( ORA-00060 )\n"
      "\n"
      "[Transaction Deadlock]\n"
      "\n"
      "The following deadlock is not an ORACLE error. It is a\n"
      "deadlock due to user error in the design of an application\n"
      "or from issuing incorrect ad-hoc SQL. The following\n"
      "information may aid in determining the deadlock:\n"
      "\n"
      "Deadlock graph:\n"
      "                                          ---------Blocker(s)--------  "
      "---------Waiter(s)---------\n"
      "Resource Name                             process session holds waits  "
      "process session holds waits\n";
  char line[256];
  for (const DeadlockEdge& e : edges) {
    std::snprintf(line, sizeof line, "%-41s %7d %7d %5s %5s  %7d %7d %5s %5s\n",
                  EnqueueResourceName(e.id).c_str(), e.blocker_proc + 1, e.blocker_session + 1,
                  ModeColumn(e.blocker_holds), ModeColumn(e.blocker_waits), e.waiter_proc + 1,
                  e.waiter_session + 1, ModeColumn(e.waiter_holds), ModeColumn(e.waiter_waits));
    out += line;
  }
  out += "\n";
  for (const DeadlockEdge& e : edges) {
    std::snprintf(line, sizeof line, "session %d: waits for session %d on %s\n",
                  e.waiter_session + 1, e.blocker_session + 1, EnqueueResourceName(e.id).c_str());
    out += line;
  }
  return out;
}

void SetDeadlockReporter(DeadlockReporter reporter) { g_reporter = reporter; }

void ReportDeadlock(const std::string& graph_text) {
  if (g_reporter != nullptr) g_reporter(graph_text);
}

}  // namespace warden::txn
