// Writing and loading the checkpoint data file (see checkpoint_file.h).
#include "txn/checkpoint_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <vector>

#include "storage/shm_heap.h"
#include "storage/user_directory.h"
#include "txn/transaction.h"
#include "wait/wait.h"

namespace warden::txn {
namespace {

// Frames appended to a file through a buffer; each write waits on 'db file parallel write'.
class FrameFile {
 public:
  explicit FrameFile(int fd) : fd_(fd) {}
  Status Add(const std::string& payload) {
    const size_t at = buf_.size();
    buf_.resize(at + storage::FrameBytes(payload.size()));
    storage::EncodeFrame(offset_ + at, payload, reinterpret_cast<uint8_t*>(buf_.data() + at));
    return buf_.size() >= (1u << 20) ? Flush() : Status::OK();
  }
  Status Flush() {
    wait::WaitScope io_wait(wait::kDbFileParallelWrite, 1, 0, 0);
    size_t done = 0;
    // Bounded: each write makes progress or fails.
    while (done < buf_.size()) {
      ssize_t n = write(fd_, buf_.data() + done, buf_.size() - done);
      if (n <= 0) return Status::FromErrno("cannot write the data file", errno);
      done += static_cast<size_t>(n);
    }
    offset_ += buf_.size();
    buf_.clear();
    return Status::OK();
  }
  uint64_t bytes() const { return offset_ + buf_.size(); }

 private:
  int fd_;
  uint64_t offset_ = 0;
  std::string buf_;
};

Status WriteTables(FrameFile* out, DataFileStats* stats) {
  // By id, each table looked up again inside the guard that covers its copy: a table dropped
  // meanwhile is retired, and only a guard taken before the lookup keeps it readable.
  std::vector<uint32_t> ids;
  {
    storage::EpochGuard epoch;
    for (storage::TableMeta* t : storage::AllTables()) ids.push_back(t->object_id);
  }
  for (uint32_t id : ids) {
    // One guard per table holds back only the reuse of memory freed meanwhile.
    storage::EpochGuard epoch;
    storage::TableMeta* t = storage::TableById(id);
    if (t == nullptr) continue;  // dropped since: its DROP record is in the redo
    Status s = out->Add(storage::EncodeTable(storage::TableRedoOf(*t)));
    const int n = t->nindexes.load();
    for (int i = 0; i < n && s.ok(); ++i) {
      s = out->Add(storage::EncodeIndex(storage::IndexRedoOf(*t, *t->indexes[i])));
    }
    if (!s.ok()) return s;
    ++stats->tables;
    storage::RowCursor cursor(t);
    // Bounded by the table's directory.
    for (storage::RowHeader* row = cursor.Next(); row != nullptr; row = cursor.Next()) {
      const storage::RowImage* image = VisibleImage(row, ReadView{});
      if (image == nullptr) continue;
      storage::RowChangeRedo r;
      r.table_id = t->object_id;
      r.rowno = row->rowno;
      r.image.assign(storage::ImageBytes(image));
      s = out->Add(storage::EncodeRowChange(r));
      if (!s.ok()) return s;
      ++stats->rows;
    }
  }
  for (const storage::ObjectGrant& g : storage::AllObjectGrants()) {
    const storage::UserMeta* u = storage::UserById(g.grantee_id);
    if (u == nullptr) continue;
    Status s = out->Add(storage::EncodeGrant({g.object_id, u->name, g.privs}));
    if (!s.ok()) return s;
  }
  return Status::OK();
}

Status ReadWhole(const std::string& path, std::string* out) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::FromErrno("cannot open " + path, errno);
  out->clear();
  char buf[1 << 16];
  // Bounded by the file's size.
  for (;;) {
    ssize_t n = read(fd, buf, sizeof buf);  // blocking-ok: instance recovery, before open
    if (n < 0) {
      int err = errno;
      close(fd);
      return Status::FromErrno("cannot read " + path, err);
    }
    if (n == 0) break;
    out->append(buf, static_cast<size_t>(n));
  }
  close(fd);
  return Status::OK();
}

}  // namespace

Status WriteDataFile(const std::string& path, const storage::CheckpointRedo& header,
                     DataFileStats* stats) {
  *stats = DataFileStats();
  int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return Status::FromErrno("cannot create " + path, errno);
  FrameFile out(fd);
  Status s = out.Add(storage::EncodeCheckpoint(header));
  if (s.ok()) s = WriteTables(&out, stats);
  if (s.ok()) s = out.Add(storage::EncodeMarker(storage::RedoType::kCheckpointEnd));
  if (s.ok()) s = out.Flush();
  if (s.ok()) {
    wait::WaitScope io_wait(wait::kDbFileParallelWrite, 1, 0, 0);
    if (fdatasync(fd) != 0) s = Status::FromErrno("cannot sync " + path, errno);  // blocking-ok: in a wait
  }
  close(fd);
  stats->bytes = out.bytes();
  return s;
}

Status LoadDataFile(const std::string& path, RedoApplier* applier, storage::CheckpointRedo* header) {
  std::string data;
  Status s = ReadWhole(path, &data);
  if (!s.ok()) return s;
  const auto* p = reinterpret_cast<const uint8_t*>(data.data());
  uint64_t pos = 0;
  bool ended = false;
  // Bounded by the file: every step advances by a frame.
  while (pos < data.size() && !ended) {
    std::string_view payload;
    size_t frame = 0;
    if (!storage::DecodeFrame(p + pos, data.size() - pos, pos, &payload, &frame)) break;
    const storage::RedoType type = storage::PayloadType(payload);
    if (pos == 0) {
      if (type != storage::RedoType::kCheckpointHeader || !storage::DecodeCheckpoint(payload, header)) break;
    } else if (type == storage::RedoType::kCheckpointEnd) {
      ended = true;
    } else {
      s = applier->Apply(payload);
      if (!s.ok()) return s;
    }
    pos += frame;
  }
  if (!ended || pos != data.size()) {
    return Status::Error("ORA-01578: ORACLE data block corrupted (file # 1, byte " +
                         std::to_string(pos) + ") in " + path);
  }
  return Status::OK();
}

}  // namespace warden::txn
