// V$LOCK rows and blocking sessions from one copy of the enqueue array (see enqueue_views.h).
#include "txn/enqueue_views.h"

#include "common/clock.h"
#include "sga/sga.h"
#include "txn/enqueue_graph.h"

namespace warden::txn {

std::vector<EnqueueLockInfo> EnqueueSnapshot() {
  EnqueueGraph graph;
  graph.Load();
  const int64_t now = MonotonicMicros();
  std::vector<EnqueueLockInfo> out;
  out.reserve(graph.records().size());
  for (int i = 0; i < static_cast<int>(graph.records().size()); ++i) {
    const LockRecord& r = graph.records()[i];
    out.push_back({r.index,
                   r.session,
                   r.session_serial,
                   r.proc,
                   {r.id.type[0], r.id.type[1], '\0'},
                   r.id.id1,
                   r.id.id2,
                   static_cast<int>(r.lmode),
                   static_cast<int>(r.request),
                   (now - r.since_us) / 1000000,
                   graph.Blocks(i) ? 1 : 0});
  }
  return out;
}

int32_t EnqueueBlockingSession(int32_t session) {
  EnqueueGraph graph;
  graph.Load();
  const int p = graph.PendingOf(session);
  const int b = p < 0 ? -1 : graph.FirstBlocker(p);
  return b < 0 ? -1 : graph.records()[b].session;
}

int32_t EnqueueFinalBlockingSession(int32_t session) {
  EnqueueGraph graph;
  graph.Load();
  return graph.FinalBlocker(session);
}

std::vector<EnqueueBlockers> EnqueueAllBlockers() {
  EnqueueGraph graph;
  graph.Load();
  std::vector<EnqueueBlockers> out(static_cast<size_t>(sga::Sga::sessions()), {-1, -1});
  for (int32_t s = 0; s < sga::Sga::sessions(); ++s) {
    const int p = graph.PendingOf(s);
    const int b = p < 0 ? -1 : graph.FirstBlocker(p);
    if (b < 0) continue;
    out[s] = {graph.records()[b].session, graph.FinalBlocker(s)};
  }
  return out;
}

}  // namespace warden::txn
