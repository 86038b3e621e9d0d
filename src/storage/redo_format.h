// Redo records and their frames: the byte format of the redo stream (online redo log files)
// and of the data file a checkpoint writes (DESIGN §8).
//
// The redo stream is one sequence of bytes addressed by Lsn (its byte offset since the
// database was created). It holds frames, each 8-byte aligned:
//   u32 payload length | u32 CRC-32C of (lsn, payload) | u64 lsn | payload | zero padding
// A frame carries its own position, so a frame left over from an older use of a log file
// (or from a torn write) never passes for the record that belongs there.
//
// Warden's redo is logical and logs committed work only: a transaction writes, at COMMIT,
// the final image of every row it changed (kRowChange) and then its kCommit record; nothing
// is logged for work that is rolled back, so recovery never undoes anything (see
// docs/durability.md). Rows are named by (table object id, row number): the row number is
// given at insert and never reused in its table. DDL records stand alone (no commit record).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "storage/row_store.h"

namespace warden::storage {

using Lsn = uint64_t;

constexpr size_t kFrameHeaderBytes = 16;
// Largest payload a frame may carry (a row image is at most a few MB).
constexpr uint32_t kMaxPayloadBytes = 64u << 20;

inline size_t FrameBytes(size_t payload) { return (kFrameHeaderBytes + payload + 7) & ~size_t{7}; }
// Writes the frame for `payload` at stream position `lsn` into out[0, FrameBytes).
void EncodeFrame(Lsn lsn, std::string_view payload, uint8_t* out);
// Checks the frame at `p` (`avail` bytes readable) as the one at position `lsn`: on success
// sets *payload (pointing into p) and *frame_bytes. False if it is not a valid frame there.
bool DecodeFrame(const uint8_t* p, size_t avail, Lsn lsn, std::string_view* payload,
                 size_t* frame_bytes);

enum class RedoType : uint8_t {
  kRowChange = 1,   // a row's image after a committed transaction (or none: deleted)
  kCommit,          // ends a transaction: its kRowChange records take effect here
  kCreateTable,
  kDropTable,
  kCreateIndex,
  kDropIndex,
  kTruncate,
  kGrant,           // object privileges granted (the whole set the grantee now holds)
  kInstanceStart,   // an instance opened: transactions without a commit record before it
                    // never will have one
  kCheckpointHeader,  // first record of a data file
  kCheckpointEnd,     // last record of a data file
};

// A transaction may start writing its commit redo, be interrupted (a cancel while it waits
// for log buffer space) and COMMIT again later: `attempt` numbers its tries, and only the
// records of the try its commit record names count.
struct RowChangeRedo {
  Xid xid = 0;  // 0 in a data file (the image is committed)
  uint32_t attempt = 0;
  uint32_t table_id = 0;
  uint64_t rowno = 0;
  bool deleted = false;
  std::string image;
};
struct CommitRedo {
  Xid xid = 0;
  uint32_t attempt = 0;
  int64_t time = 0;  // wall seconds
};
struct TableRedo {  // kCreateTable
  uint32_t object_id = 0;
  std::string owner, name;
  int64_t created = 0;
  std::vector<NewColumn> columns;
};
struct IndexRedo {  // kCreateIndex
  uint32_t table_id = 0;
  uint32_t object_id = 0;
  std::string name;
  bool unique = false, primary_key = false;
  std::vector<int32_t> cols;
};
struct ObjectRedo {  // kDropTable, kTruncate (table_id), kDropIndex (table_id, object_id)
  uint32_t table_id = 0;
  uint32_t object_id = 0;
};
struct GrantRedo {
  uint32_t object_id = 0;
  std::string grantee;
  uint32_t privs = 0;  // ObjPriv bits now held (0: none left)
};
struct CheckpointRedo {  // kCheckpointHeader
  Lsn start_lsn = 0;     // recovery replays the redo stream from here
  uint64_t number = 0;   // checkpoint count
  int64_t time = 0;
  uint32_t next_object_id = 0;
};

// Payload encoders (the type byte first).
std::string EncodeRowChange(const RowChangeRedo& r);
std::string EncodeCommit(const CommitRedo& r);
std::string EncodeTable(const TableRedo& r);
std::string EncodeIndex(const IndexRedo& r);
std::string EncodeObject(RedoType type, const ObjectRedo& r);
std::string EncodeGrant(const GrantRedo& r);
std::string EncodeCheckpoint(const CheckpointRedo& r);
std::string EncodeMarker(RedoType type);  // kInstanceStart, kCheckpointEnd

// The type of a payload (0 for an empty one).
RedoType PayloadType(std::string_view payload);
// Decoders: false when the payload is malformed (a bug or corruption the CRC missed).
bool DecodeRowChange(std::string_view p, RowChangeRedo* r);
bool DecodeCommit(std::string_view p, CommitRedo* r);
bool DecodeTable(std::string_view p, TableRedo* r);
bool DecodeIndex(std::string_view p, IndexRedo* r);
bool DecodeObject(std::string_view p, ObjectRedo* r);
bool DecodeGrant(std::string_view p, GrantRedo* r);
bool DecodeCheckpoint(std::string_view p, CheckpointRedo* r);

// The definition records of a live table (kCreateTable, then one kCreateIndex per index).
TableRedo TableRedoOf(const TableMeta& t);
IndexRedo IndexRedoOf(const TableMeta& t, const IndexMeta& ix);

}  // namespace warden::storage
