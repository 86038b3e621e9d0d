// V$LATCH and V$LATCH_CHILDREN: the SGA's latches with their gets and misses. A miss is a
// sleep on 'latch free' (Warden's latches block at once, they do not spin), so SLEEPS equals
// MISSES. V$LATCH has one row per latch name, summing its children ('transaction recovery'
// has 8); V$LATCH_CHILDREN one row per child. RECOVERIES (Warden's) counts the times the latch
// was found held by a dead process and recovered.
#include <string>

#include "sga/latch.h"
#include "sga/sga.h"
#include "sql/fixed_view_util.h"

namespace warden::sql::fixed {
namespace {

// Every latch with its LATCH# (one per name, in enum order) and CHILD# (1.. within a name;
// the children of a name are adjacent in the enum).
template <typename Fn>
void ForEachLatch(Fn fn) {
  int number = -1, child = 0;
  const char* previous = nullptr;
  for (int id = 0; id < sga::kLatchCount; ++id) {
    const char* name = sga::GetLatchInfo(static_cast<sga::LatchId>(id)).name;
    if (previous == nullptr || std::string(previous) != name) {
      ++number;
      child = 0;
      previous = name;
    }
    fn(name, number, ++child, *sga::Sga::latch(static_cast<sga::LatchId>(id)));
  }
}

std::vector<ColumnDef> LatchColumns() {
  return {{"ADDR", V},  {"LATCH#", N}, {"NAME", V},       {"GETS", N},
          {"MISSES", N}, {"SLEEPS", N}, {"RECOVERIES", N}};
}

// One row per name, its children summed.
std::vector<Row> LatchRows() {
  std::vector<Row> rows;
  uint64_t gets = 0, misses = 0, recoveries = 0;
  ForEachLatch([&](const char* name, int number, int child, const sga::Latch& l) {
    if (child == 1) {
      rows.push_back({Str(Addr(&l)), Num(number), Str(name), Null(), Null(), Null(), Null()});
      gets = misses = recoveries = 0;
    }
    gets += l.gets.load();
    misses += l.misses.load();
    recoveries += l.recoveries.load();
    Row& r = rows.back();
    r[3] = Num(static_cast<int64_t>(gets));
    r[4] = r[5] = Num(static_cast<int64_t>(misses));
    r[6] = Num(static_cast<int64_t>(recoveries));
  });
  return rows;
}

std::vector<ColumnDef> LatchChildrenColumns() {
  return {{"ADDR", V},   {"LATCH#", N}, {"CHILD#", N}, {"NAME", V},
          {"GETS", N},   {"MISSES", N}, {"SLEEPS", N}, {"RECOVERIES", N}};
}

std::vector<Row> LatchChildrenRows() {
  std::vector<Row> rows;
  ForEachLatch([&](const char* name, int number, int child, const sga::Latch& l) {
    rows.push_back({Str(Addr(&l)), Num(number), Num(child), Str(name),
                    Num(static_cast<int64_t>(l.gets.load())),
                    Num(static_cast<int64_t>(l.misses.load())),
                    Num(static_cast<int64_t>(l.misses.load())),
                    Num(static_cast<int64_t>(l.recoveries.load()))});
  });
  return rows;
}

}  // namespace

const ViewDef kLatchView = {"V$LATCH", LatchColumns, LatchRows};
const ViewDef kLatchChildrenView = {"V$LATCH_CHILDREN", LatchChildrenColumns, LatchChildrenRows};

}  // namespace warden::sql::fixed
