// Restart budget of a background process (see restart_budget.h).
#include "proc/restart_budget.h"

namespace warden::proc {

int RestartBudget::RecentRestarts(int64_t now_us) {
  while (!times_.empty() && now_us - times_.front() >= window_us_) times_.pop_front();
  return static_cast<int>(times_.size());
}

bool RestartBudget::Allow(int64_t now_us) {
  if (RecentRestarts(now_us) >= limit_) return false;
  times_.push_back(now_us);
  return true;
}

}  // namespace warden::proc
