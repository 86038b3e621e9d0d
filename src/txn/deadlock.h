// Deadlock reports (ORA-00060). The search itself is EnqueueGraph::FindCycle, run by a waiter
// in txn/enqueue.cc once it has waited deadlock_detection_interval seconds; the waiter that
// finds a cycle through itself is the only one that gets kDeadlock (it removes its request in
// the same latch hold, which breaks the cycle). This file turns the cycle into Oracle's
// "DEADLOCK DETECTED" trace text and hands it to whoever knows where trace files go (proc).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "txn/enqueue_graph.h"

namespace warden::txn {

// One resource of the cycle: `waiter` waits on `id` and `blocker` is in its way.
struct DeadlockEdge {
  EnqueueId id;
  int32_t blocker_session, blocker_proc;  // slots
  LockMode blocker_holds, blocker_waits;  // on this resource
  int32_t waiter_session, waiter_proc;
  LockMode waiter_holds, waiter_waits;
};

// The edges of a cycle found by EnqueueGraph::FindCycle, in order.
std::vector<DeadlockEdge> DeadlockEdges(const EnqueueGraph& graph,
                                        const std::vector<std::pair<int, int>>& cycle);

// Oracle's trace text: the "DEADLOCK DETECTED ( ORA-00060 )" banner and the "Deadlock graph"
// table (resource name; blocker and waiter process, session, holds, waits). Processes and
// sessions are shown as PID and SID (slot + 1).
std::string DeadlockGraphText(const std::vector<DeadlockEdge>& edges);

// Called with the graph text by the session that detected the deadlock, after it left the
// latch; proc installs one that writes the session's trace file and the alert-log line.
// Nothing is written when none is installed.
using DeadlockReporter = void (*)(const std::string& graph_text);
void SetDeadlockReporter(DeadlockReporter reporter);
void ReportDeadlock(const std::string& graph_text);

}  // namespace warden::txn
