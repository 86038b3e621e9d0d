// Applying redo to the tables in the SGA: instance recovery (a data file, then the redo
// stream from the checkpoint on) and nothing else (DESIGN §8).
//
// Row changes of a transaction are held until its commit record and then applied; those
// of a transaction whose commit record never comes are dropped (nothing of it was ever
// acknowledged, and nothing else logged depends on it). Every record is applied as "set to
// this": a row's image, a table's existence. So replaying a record whose effect a data file
// already holds changes nothing, which lets a checkpoint be taken while work goes on.
// Runs in the supervisor before any other process exists.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "common/status.h"
#include "storage/redo_format.h"

namespace warden::txn {

struct RedoApplyStats {
  uint64_t transactions = 0;   // commit records applied
  uint64_t rows = 0;           // row changes applied
  uint64_t ddl = 0;            // catalog records applied
  uint64_t discarded = 0;      // transactions without a commit record (dropped)
  uint64_t missing_table = 0;  // row changes for a table that no longer exists (skipped)
};

class RedoApplier {
 public:
  // One record (a frame's payload). Errors only for a malformed record.
  Status Apply(std::string_view payload);
  // At the end of the stream: the transactions still waiting for a commit record are dropped.
  void Finish();
  const RedoApplyStats& stats() const { return stats_; }

 private:
  void ApplyRow(const storage::RowChangeRedo& r);
  Status ApplyCatalog(storage::RedoType type, std::string_view payload);
  storage::RowHeader* FindRow(uint32_t table_id, uint64_t rowno);

  struct Pending {
    uint32_t attempt = 0;  // the commit try these records belong to
    std::vector<storage::RowChangeRedo> rows;
  };
  std::unordered_map<storage::Xid, Pending> pending_;
  // Committed row changes for a table whose CREATE record comes later in the stream (a
  // session used the new table before its creator's record was copied): applied then.
  std::unordered_map<uint32_t, std::vector<storage::RowChangeRedo>> early_;
  // Tables and indexes dropped in the stream so far. A DDL statement changes the catalog in
  // memory before it copies its record, so records of two statements can come in the other
  // order: a CREATE after the DROP of the same object (another session dropped the new
  // table before its creator copied the record), a CREATE of a name before the DROP that
  // freed it. Object ids are never reused: a dropped id is never created again.
  std::unordered_set<uint32_t> dropped_;
  // Objects created under a recycle-bin name (their name was still taken): id -> the name,
  // given back at Finish once it is free.
  std::unordered_map<uint32_t, std::string> renamed_;
  // Rows by (table, number), filled as rows are created.
  std::unordered_map<uint32_t, std::unordered_map<uint64_t, storage::RowHeader*>> rows_;
  RedoApplyStats stats_;
};

}  // namespace warden::txn
