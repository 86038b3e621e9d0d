// Fast-start parallel rollback: the recovery slaves (P000, P001, ...) SMON forks for a large
// dead transaction, and SMON's side of it. Each slave takes one segment of the undo chain
// (txn::RecoverySegments), undoes the records that are their row's newest not yet undone,
// and unlinks and retires them itself (txn::ApplyRecoverySegment); SMON waits for them on
// 'wait for stopper event to be increased', restarts them with a new degree when
// fast_start_parallel_rollback changes, then applies in order what they left (skipped
// records, segment starts, milestones). The rows are the same as after a serial rollback:
// each row's records are undone newest first.
#pragma once

#include <cstdint>

#include "txn/transaction.h"

namespace warden::proc {

// Recovery slaves for fast_start_parallel_rollback's current value on this machine:
// FALSE 0, LOW 2 x CPU_COUNT, HIGH 4 x CPU_COUNT, at most txn::kMaxRecoveryServers.
uint32_t RecoveryDegree();

// SMON: applies the transaction's undo with recovery slaves (as many as RecoveryDegree, for
// as long as it is not 0); afterwards every record left to SMON is either applied or still to
// be applied serially. Returns false if SMON was asked to stop meanwhile.
bool RecoverWithSlaves(txn::TxnEntry* e);

}  // namespace warden::proc
