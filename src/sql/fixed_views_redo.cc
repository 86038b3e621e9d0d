// The redo log and checkpoint views (DESIGN §8): V$LOG (one row per online log group),
// V$LOGFILE (its file), V$DATAFILE (the checkpoint data file) and V$SYSSTAT (the redo and
// commit statistics LGWR and the committers keep). CHANGE# columns are redo byte positions
// (Warden's SCN is the position in the redo stream).
#include <sys/stat.h>

#include <string>

#include "sga/sga.h"
#include "sql/fixed_view_util.h"
#include "storage/redo_files.h"
#include "storage/redo_log.h"

namespace warden::sql::fixed {
namespace {

int64_t FileBytes(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0 ? static_cast<int64_t>(st.st_size) : 0;
}

std::vector<ColumnDef> LogColumns() {
  return {{"GROUP#", N},        {"THREAD#", N},   {"SEQUENCE#", N},     {"BYTES", N},
          {"BLOCKSIZE", N},     {"MEMBERS", N},   {"ARCHIVED", V},      {"STATUS", V},
          {"FIRST_CHANGE#", N}, {"FIRST_TIME", D}, {"NEXT_CHANGE#", N}, {"NEXT_TIME", D}};
}

std::vector<Row> LogRows() {
  std::vector<Row> rows;
  storage::RedoLogState* log = storage::RedoLog();
  if (log == nullptr) return rows;
  const int32_t current = log->current_group.load();
  const uint64_t checkpoint = log->checkpoint_lsn.load();
  for (int32_t g = 0; g < log->groups; ++g) {
    const uint64_t seq = log->group[g].sequence.load();
    // The group holding the next sequence gives this one's end.
    const storage::LogGroupInfo* next = nullptr;
    for (int32_t k = 0; k < log->groups; ++k) {
      if (seq != 0 && log->group[k].sequence.load() == seq + 1) next = &log->group[k];
    }
    const char* status = seq == 0                              ? "UNUSED"
                         : g == current                         ? "CURRENT"
                         : next != nullptr && next->first_lsn.load() > checkpoint ? "ACTIVE"
                                                                                   : "INACTIVE";
    const int64_t bytes = std::max<int64_t>(int64_t(log->file_bytes), FileBytes(storage::LogFilePath(g)));
    rows.push_back({Num(g + 1), Num(1), Num(int64_t(seq)), Num(bytes), Num(int64_t(storage::kLogHeaderBlock)),
                    Num(1), Str("NO"), Str(status),
                    seq == 0 ? Null() : Num(int64_t(log->group[g].first_lsn.load())),
                    seq == 0 ? Null() : Date(log->group[g].first_time.load()),
                    next == nullptr ? Null() : Num(int64_t(next->first_lsn.load())),
                    next == nullptr ? Null() : Date(next->first_time.load())});
  }
  return rows;
}

std::vector<ColumnDef> LogFileColumns() {
  return {{"GROUP#", N}, {"STATUS", V}, {"TYPE", V}, {"MEMBER", V}, {"IS_RECOVERY_DEST_FILE", V}};
}

std::vector<Row> LogFileRows() {
  std::vector<Row> rows;
  storage::RedoLogState* log = storage::RedoLog();
  for (int32_t g = 0; log != nullptr && g < log->groups; ++g) {
    rows.push_back({Num(g + 1), Null(), Str("ONLINE"), Str(storage::LogFilePath(g)), Str("NO")});
  }
  return rows;
}

std::vector<ColumnDef> DataFileColumns() {
  return {{"FILE#", N},  {"NAME", V},  {"STATUS", V},  {"ENABLED", V},
          {"BYTES", N},  {"CHECKPOINT_CHANGE#", N}, {"CHECKPOINT_TIME", D}, {"CHECKPOINT_COUNT", N}};
}

std::vector<Row> DataFileRows() {
  storage::RedoLogState* log = storage::RedoLog();
  if (log == nullptr) return {};
  const uint64_t number = log->checkpoint_number.load();
  return {{Num(1), Str(log->data_file), Str("ONLINE"), Str("READ WRITE"),
           Num(int64_t(log->data_file_bytes.load())), Num(int64_t(log->checkpoint_lsn.load())),
           number == 0 ? Null() : Date(log->checkpoint_time.load()), Num(int64_t(number))}};
}

std::vector<ColumnDef> SysStatColumns() {
  return {{"STATISTIC#", N}, {"NAME", V}, {"CLASS", N}, {"VALUE", N}};
}

std::vector<Row> SysStatRows() {
  storage::RedoLogState* log = storage::RedoLog();
  if (log == nullptr) return {};
  const storage::RedoStats& s = log->stats;
  struct Stat {
    const char* name;
    int cls;  // Oracle's classes: 1 user, 2 redo, 8 cache
    uint64_t value;
  };
  const Stat stats[] = {
      {"user commits", 1, s.user_commits.load()},
      {"redo entries", 2, s.redo_entries.load()},
      {"redo size", 2, s.redo_size.load()},
      {"redo writes", 2, s.redo_writes.load()},
      {"redo blocks written", 2, s.redo_blocks_written.load()},
      {"redo synch writes", 8, s.redo_synch_writes.load()},
      {"redo log space requests", 2, s.redo_log_space_requests.load()},
      {"redo log switches", 2, s.log_switches.load()},
      {"background checkpoints completed", 8, s.checkpoints_completed.load()},
  };
  std::vector<Row> rows;
  int64_t number = 0;
  for (const Stat& st : stats) {
    rows.push_back({Num(number++), Str(st.name), Num(st.cls), Num(int64_t(st.value))});
  }
  return rows;
}

}  // namespace

const ViewDef kLogView = {"V$LOG", LogColumns, LogRows};
const ViewDef kLogFileView = {"V$LOGFILE", LogFileColumns, LogFileRows};
const ViewDef kDataFileView = {"V$DATAFILE", DataFileColumns, DataFileRows};
const ViewDef kSysStatView = {"V$SYSSTAT", SysStatColumns, SysStatRows};

}  // namespace warden::sql::fixed
