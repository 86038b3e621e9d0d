// SGA creation and accessors (see sga.h).
#include "sga/sga.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <new>
#include <string>

#include "common/clock.h"
#include "common/fixed_string.h"

namespace warden::sga {
namespace {

constexpr uint64_t kMagic = 0x57415244454E5347ULL;  // "WARDENSG"

uint64_t AlignUp(uint64_t n) { return (n + 63) & ~uint64_t{63}; }

using detail::g_sga_base;
using detail::SgaAt;

}  // namespace

uint8_t* detail::g_sga_base = nullptr;

SgaLayout ComputeLayout(int32_t processes, int32_t sessions) {
  SgaLayout l;
  l.params_offset = AlignUp(sizeof(SgaHeader));
  l.processes_offset = AlignUp(l.params_offset + sizeof(ParamSlot) * kParamCount);
  l.sessions_offset = AlignUp(l.processes_offset + sizeof(ProcessSlot) * uint64_t(processes));
  l.enqueues_offset = AlignUp(l.sessions_offset + sizeof(SessionSlot) * uint64_t(sessions));
  l.data_offset = AlignUp(l.enqueues_offset + EnqueueArraySize(sessions));
  l.fixed_size = l.data_offset;
  return l;
}

Status Sga::Create(const ParameterSet& params) {
  if (g_sga_base != nullptr) return Status::Error("SGA already created");
  const int32_t nproc = static_cast<int32_t>(params.num(kProcesses));
  const int32_t nsess = static_cast<int32_t>(params.num(kSessions));
  const uint64_t size = static_cast<uint64_t>(params.num(kSgaSize));
  SgaLayout l = ComputeLayout(nproc, nsess);
  if (l.fixed_size > size) {
    return Status::Error("ORA-04031: SGA too small: sga_size = " + std::to_string(size) +
                         " bytes cannot hold the fixed arrays for processes = " +
                         std::to_string(nproc) + " and sessions = " + std::to_string(nsess) + " (" +
                         std::to_string(l.fixed_size) + " bytes needed)");
  }
  void* p = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS | MAP_NORESERVE,
                 -1, 0);
  if (p == MAP_FAILED) return Status::FromErrno("cannot map the SGA", errno);
  g_sga_base = static_cast<uint8_t*>(p);

  SgaHeader* h = new (g_sga_base) SgaHeader();
  h->magic = kMagic;
  h->total_size = size;
  h->processes = nproc;
  h->sessions = nsess;
  h->params_offset = l.params_offset;
  h->processes_offset = l.processes_offset;
  h->sessions_offset = l.sessions_offset;
  h->enqueues_offset = l.enqueues_offset;
  h->data_offset = l.data_offset;
  h->startup_time = WallSeconds();
  h->instance_status.store(static_cast<uint32_t>(InstanceStatus::kStarted));
  h->shutdown_mode.store(static_cast<uint32_t>(ShutdownMode::kNone));
  h->pmon_proc.store(-1);
  h->smon_proc.store(-1);
  h->lgwr_proc.store(-1);
  h->ckpt_proc.store(-1);
  if (gethostname(h->host_name, sizeof h->host_name - 1) != 0) {
    std::strcpy(h->host_name, "localhost");
  }
  for (int i = 0; i < kLatchCount; ++i) LatchInit(&h->latches[i], static_cast<LatchId>(i));

  for (int i = 0; i < kParamCount; ++i) {
    ParamSlot* ps = new (SgaAt<ParamSlot>(l.params_offset) + i) ParamSlot();
    const std::string& t = params.text(static_cast<ParamId>(i));
    CopyToFixed(ps->text, sizeof ps->text, t);
    ps->num = params.num(static_cast<ParamId>(i));
    ps->is_default = params.is_default(static_cast<ParamId>(i)) ? 1 : 0;
  }
  for (int32_t i = 0; i < nproc; ++i) {
    ProcessSlot* s = new (SgaAt<ProcessSlot>(l.processes_offset) + i) ProcessSlot();
    s->state.store(static_cast<uint32_t>(ProcState::kFree));
    s->session.store(-1);
  }
  for (int32_t i = 0; i < nsess; ++i) {
    SessionSlot* s = new (SgaAt<SessionSlot>(l.sessions_offset) + i) SessionSlot();
    s->owner_proc.store(-1);
    s->wait_event.store(-1);
    s->txn_index.store(-1);
    s->row_wait_obj.store(-1);
    s->row_wait_row.store(-1);
  }
  EnqueueArray* enq = new (SgaAt<EnqueueArray>(l.enqueues_offset)) EnqueueArray();
  enq->lock_count = EnqueueLockCount(nsess);
  for (int32_t i = 0; i < enq->lock_count; ++i) new (EnqueueLocks(enq) + i) EnqueueLockSlot();
  return Status::OK();
}

void Sga::Destroy() {
  if (g_sga_base == nullptr) return;
  munmap(g_sga_base, header()->total_size);
  g_sga_base = nullptr;
}

std::string ParamText(const ParamSlot* p) {
  for (int attempt = 0; attempt < 1000; ++attempt) {  // a writer holds it for nanoseconds
    const uint32_t v0 = p->version.load(std::memory_order_acquire);
    if (v0 % 2 == 0) {
      std::string text(p->text, strnlen(p->text, sizeof p->text));
      std::atomic_thread_fence(std::memory_order_acquire);
      if (p->version.load(std::memory_order_relaxed) == v0) return text;
    }
  }
  return std::string(p->text, strnlen(p->text, sizeof p->text));
}

void ParamStore(ParamSlot* p, const std::string& text, int64_t num) {
  uint32_t v = p->version.load();
  // Become the writer: even -> odd. Bounded: another writer holds it for nanoseconds.
  for (int attempt = 0; attempt < 1'000'000; ++attempt) {
    if (v % 2 == 0 && p->version.compare_exchange_weak(v, v + 1, std::memory_order_acquire)) break;
    v = p->version.load();
  }
  const size_t n = std::min(text.size(), sizeof p->text - 1);
  std::memcpy(p->text, text.data(), n);
  p->text[n] = '\0';
  p->num.store(num, std::memory_order_relaxed);
  p->is_default.store(0, std::memory_order_relaxed);
  p->version.store(v + 2, std::memory_order_release);
}

}  // namespace warden::sga
