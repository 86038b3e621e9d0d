// How often the supervisor restarts a background process that died (PMON, MMNL): at most
// `limit` restarts within a sliding `window`. A process that keeps dying (a bug it meets at
// every start) must not turn into a restart loop: past the budget the supervisor gives up
// and ends the instance, as Oracle does at the first death of PMON.
#pragma once

#include <cstdint>
#include <deque>

namespace warden::proc {

class RestartBudget {
 public:
  RestartBudget(int limit, int64_t window_us) : limit_(limit), window_us_(window_us) {}
  // Records a restart at now_us and returns true if it is within the budget.
  bool Allow(int64_t now_us);
  // Restarts counted in the window ending at now_us.
  int RecentRestarts(int64_t now_us);

 private:
  int limit_;
  int64_t window_us_;
  std::deque<int64_t> times_;  // at most limit_ entries
};

}  // namespace warden::proc
