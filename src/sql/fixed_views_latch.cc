// V$LATCH and V$LATCH_CHILDREN: the SGA's latches with their gets and misses. A miss is a
// sleep on 'latch free' (Warden's latches block at once, they do not spin), so SLEEPS equals
// MISSES. V$LATCH has one row per latch name, summing its children ('transaction recovery'
// has 8); V$LATCH_CHILDREN one row per child. RECOVERIES (Warden's) counts the times the latch
// was found held by a dead process and recovered.
#include <map>
#include <string>

#include "sga/latch.h"
#include "sga/sga.h"
#include "sql/fixed_view_util.h"

namespace warden::sql::fixed {
namespace {

struct LatchTotals {
  const sga::Latch* first = nullptr;
  int latch_number = 0;
  int children = 0;
  uint64_t gets = 0, misses = 0, recoveries = 0;
};

std::vector<ColumnDef> LatchColumns() {
  return {{"ADDR", V},  {"LATCH#", N}, {"NAME", V},       {"GETS", N},
          {"MISSES", N}, {"SLEEPS", N}, {"RECOVERIES", N}};
}

std::vector<Row> LatchRows() {
  std::map<std::string, LatchTotals> by_name;
  std::vector<std::string> order;
  for (int id = 0; id < sga::kLatchCount; ++id) {
    const sga::Latch* l = sga::Sga::latch(static_cast<sga::LatchId>(id));
    const std::string name = sga::GetLatchInfo(static_cast<sga::LatchId>(id)).name;
    LatchTotals& t = by_name[name];
    if (t.first == nullptr) {
      t.first = l;
      t.latch_number = static_cast<int>(order.size());
      order.push_back(name);
    }
    ++t.children;
    t.gets += l->gets.load();
    t.misses += l->misses.load();
    t.recoveries += l->recoveries.load();
  }
  std::vector<Row> rows;
  for (const std::string& name : order) {
    const LatchTotals& t = by_name[name];
    rows.push_back({Str(Addr(t.first)), Num(t.latch_number), Str(name),
                    Num(static_cast<int64_t>(t.gets)), Num(static_cast<int64_t>(t.misses)),
                    Num(static_cast<int64_t>(t.misses)), Num(static_cast<int64_t>(t.recoveries))});
  }
  return rows;
}

std::vector<ColumnDef> LatchChildrenColumns() {
  return {{"ADDR", V},   {"LATCH#", N}, {"CHILD#", N}, {"NAME", V},
          {"GETS", N},   {"MISSES", N}, {"SLEEPS", N}, {"RECOVERIES", N}};
}

std::vector<Row> LatchChildrenRows() {
  std::map<std::string, int> latch_number, child;
  std::vector<Row> rows;
  for (int id = 0; id < sga::kLatchCount; ++id) {
    const sga::Latch* l = sga::Sga::latch(static_cast<sga::LatchId>(id));
    const std::string name = sga::GetLatchInfo(static_cast<sga::LatchId>(id)).name;
    const int number = latch_number.emplace(name, static_cast<int>(latch_number.size())).first->second;
    rows.push_back({Str(Addr(l)), Num(number), Num(++child[name]), Str(name),
                    Num(static_cast<int64_t>(l->gets.load())),
                    Num(static_cast<int64_t>(l->misses.load())),
                    Num(static_cast<int64_t>(l->misses.load())),
                    Num(static_cast<int64_t>(l->recoveries.load()))});
  }
  return rows;
}

}  // namespace

const ViewDef kLatchView = {"V$LATCH", LatchColumns, LatchRows};
const ViewDef kLatchChildrenView = {"V$LATCH_CHILDREN", LatchChildrenColumns, LatchChildrenRows};

}  // namespace warden::sql::fixed
