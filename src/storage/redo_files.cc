// Online redo log files: headers and the recovery reader (see redo_files.h).
#include "storage/redo_files.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>

#include "common/crc32c.h"

namespace warden::storage {
namespace {

constexpr char kMagic[8] = {'W', 'A', 'R', 'D', 'N', 'L', 'O', 'G'};
constexpr uint32_t kVersion = 1;

struct File {
  LogFileHeader header;
  std::string path;
};

std::string Hex(uint64_t v) {
  char b[24];
  std::snprintf(b, sizeof b, "0x%llx", static_cast<unsigned long long>(v));
  return b;
}

}  // namespace

std::string EncodeLogHeader(const LogFileHeader& h) {
  std::string b(kLogHeaderBlock, '\0');
  std::memcpy(&b[0], kMagic, 8);
  std::memcpy(&b[8], &kVersion, 4);
  std::memcpy(&b[12], &h.group, 4);
  std::memcpy(&b[16], &h.sequence, 8);
  std::memcpy(&b[24], &h.first_lsn, 8);
  std::memcpy(&b[32], &h.time, 8);
  std::memcpy(&b[40], &h.max_write, 8);
  const uint32_t crc = Crc32c(b.data(), 48);
  std::memcpy(&b[48], &crc, 4);
  return b;
}

bool DecodeLogHeader(std::string_view b, LogFileHeader* h) {
  if (b.size() < kLogHeaderBlock || std::memcmp(b.data(), kMagic, 8) != 0) return false;
  uint32_t version, crc;
  std::memcpy(&version, b.data() + 8, 4);
  std::memcpy(&crc, b.data() + 48, 4);
  if (version != kVersion || Crc32c(b.data(), 48) != crc) return false;
  std::memcpy(&h->group, b.data() + 12, 4);
  std::memcpy(&h->sequence, b.data() + 16, 8);
  std::memcpy(&h->first_lsn, b.data() + 24, 8);
  std::memcpy(&h->time, b.data() + 32, 8);
  std::memcpy(&h->max_write, b.data() + 40, 8);
  return h->sequence != 0;
}

Status CreateLogFile(const std::string& path, const LogFileHeader& h, uint64_t file_bytes) {
  int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return Status::FromErrno("cannot create " + path, errno);
  const std::string block = EncodeLogHeader(h);
  Status s;
  // blocking-ok: creating the log files (recovery, before open)
  if (pwrite(fd, block.data(), block.size(), 0) != ssize_t(block.size())) {
    s = Status::FromErrno("cannot write " + path, errno);
  } else if (ftruncate(fd, static_cast<off_t>(std::max<uint64_t>(file_bytes, kLogHeaderBlock))) != 0) {
    s = Status::FromErrno("cannot size " + path, errno);
  } else if (fdatasync(fd) != 0) {  // blocking-ok: creating the log files, before open
    s = Status::FromErrno("cannot sync " + path, errno);
  }
  close(fd);
  return s;
}

bool ReadLogHeader(const std::string& path, LogFileHeader* h) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  std::string block(kLogHeaderBlock, '\0');
  ssize_t n = pread(fd, block.data(), block.size(), 0);  // blocking-ok: recovery, before open
  close(fd);
  return n == ssize_t(block.size()) && DecodeLogHeader(block, h);
}

namespace {

// The log files mapped read-only, seen as one stretch of the stream: segment k holds
// [start, start + size) at data.
struct Segment {
  Lsn start;
  const uint8_t* data;
  uint64_t size;
};

class MappedStream {
 public:
  ~MappedStream() {
    for (auto& [p, n] : maps_) munmap(p, n);
  }
  // Maps `path` and appends its data part (up to `limit` bytes; all of it if ~0).
  Status Add(const std::string& path, Lsn start, uint64_t limit) {
    int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return Status::FromErrno("cannot open " + path, errno);
    struct stat st;
    if (fstat(fd, &st) != 0) {
      int err = errno;
      close(fd);
      return Status::FromErrno("cannot stat " + path, err);
    }
    const uint64_t bytes = static_cast<uint64_t>(st.st_size);
    void* p = bytes > 0 ? mmap(nullptr, bytes, PROT_READ, MAP_PRIVATE, fd, 0) : MAP_FAILED;
    close(fd);
    if (p == MAP_FAILED) return Status::FromErrno("cannot map " + path, errno);
    maps_.emplace_back(p, bytes);
    const uint64_t data = bytes > kLogHeaderBlock ? bytes - kLogHeaderBlock : 0;
    if (limit != ~uint64_t{0} && limit > data) {
      return Status::Error("ORA-00353: log corruption near redo byte " + std::to_string(start + data) +
                           ": " + path + " ends before the next log file begins");
    }
    segments_.push_back({start, static_cast<const uint8_t*>(p) + kLogHeaderBlock, std::min(limit, data)});
    last_path_ = path;
    return Status::OK();
  }
  Lsn end() const { return segments_.empty() ? 0 : segments_.back().start + segments_.back().size; }
  Lsn last_start() const { return segments_.empty() ? 0 : segments_.back().start; }
  const std::string& last_path() const { return last_path_; }
  // n contiguous bytes at `pos` (copied into *scratch when they span two files); nullptr
  // past the end.
  const uint8_t* At(Lsn pos, uint64_t n, std::string* scratch) const {
    if (pos + n > end()) return nullptr;
    size_t k = segments_.size();
    while (k > 0 && segments_[k - 1].start > pos) --k;
    if (k == 0) return nullptr;
    const Segment& sg = segments_[k - 1];
    if (pos + n <= sg.start + sg.size) return sg.data + (pos - sg.start);
    scratch->clear();
    // Bounded by n: each step copies the rest of one segment.
    for (Lsn at = pos; scratch->size() < n; ++k) {
      const Segment& s2 = segments_[k - 1];
      const uint64_t take = std::min<uint64_t>(n - scratch->size(), s2.start + s2.size - at);
      scratch->append(reinterpret_cast<const char*>(s2.data + (at - s2.start)), take);
      at += take;
    }
    return reinterpret_cast<const uint8_t*>(scratch->data());
  }

 private:
  std::vector<std::pair<void*, uint64_t>> maps_;
  std::vector<Segment> segments_;
  std::string last_path_;
};

// The frame at pos, if a valid one is there.
bool FrameAt(const MappedStream& m, Lsn pos, std::string* scratch, std::string_view* payload,
             size_t* frame) {
  const uint8_t* h = m.At(pos, kFrameHeaderBytes, scratch);
  if (h == nullptr) return false;
  uint32_t len;
  std::memcpy(&len, h, 4);
  if (len == 0 || len > kMaxPayloadBytes) return false;
  const uint8_t* f = m.At(pos, FrameBytes(len), scratch);
  return f != nullptr && DecodeFrame(f, FrameBytes(len), pos, payload, frame);
}

}  // namespace

Status ScanRedo(const std::vector<std::string>& paths, Lsn start, uint64_t max_write,
                const std::function<Status(Lsn, std::string_view)>& apply, RedoScanResult* out) {
  std::vector<File> files;
  for (const std::string& p : paths) {
    File f;
    if (ReadLogHeader(p, &f.header)) files.push_back({f.header, p});
  }
  std::sort(files.begin(), files.end(),
            [](const File& a, const File& b) { return a.header.sequence < b.header.sequence; });
  *out = RedoScanResult();
  if (files.empty()) {
    if (start == 0) return Status::OK();
    return Status::Error("ORA-00314: no online redo log holds redo byte " + Hex(start) +
                         " needed for recovery");
  }
  out->last_sequence = files.back().header.sequence;
  out->last_group = static_cast<int32_t>(files.back().header.group);
  // The files recovery needs: from the last one starting at or before `start`.
  size_t first = files.size();
  for (size_t i = 0; i < files.size(); ++i) {
    if (files[i].header.first_lsn <= start) first = i;
  }
  if (first == files.size()) {
    return Status::Error("ORA-00314: no online redo log holds redo byte " + Hex(start) +
                         " needed for recovery (the oldest starts at " +
                         Hex(files.front().header.first_lsn) + ")");
  }
  MappedStream stream;
  for (size_t i = first; i < files.size(); ++i) {
    if (i > first && files[i].header.sequence != files[i - 1].header.sequence + 1) {
      return Status::Error("ORA-00320: redo log sequence " +
                           std::to_string(files[i - 1].header.sequence + 1) +
                           " is missing between " + files[i - 1].path + " and " + files[i].path);
    }
    const bool last = i + 1 == files.size();
    const Lsn at = files[i].header.first_lsn;
    if (!last && files[i + 1].header.first_lsn < at) {
      return Status::Error("ORA-00353: log corruption: " + files[i + 1].path + " starts before " +
                           files[i].path);
    }
    Status s = stream.Add(files[i].path, at, last ? ~uint64_t{0} : files[i + 1].header.first_lsn - at);
    if (!s.ok()) return s;
    max_write = std::max(max_write, files[i].header.max_write);
  }
  // Frames from `start`, bounded by the stream: every step advances by a frame.
  std::string scratch;
  Lsn pos = start;
  while (pos < stream.end()) {
    std::string_view payload;
    size_t frame = 0;
    if (!FrameAt(stream, pos, &scratch, &payload, &frame)) break;
    Status s = apply(pos, payload);
    if (!s.ok()) return s;
    pos += frame;
    ++out->frames;
    out->bytes += frame;
  }
  out->end = pos;
  if (pos < stream.last_start()) {
    // Only the frame LGWR's last write left torn across a log switch may end the stream
    // before the newest file: its start is in the older file (synced before the switch),
    // the rest was to go to the newest. A bad frame wholly inside an older file is
    // corruption of a complete file.
    const uint8_t* h = stream.At(pos, kFrameHeaderBytes, &scratch);
    uint32_t len = 0;
    Lsn at = 0;
    if (h != nullptr) {
      std::memcpy(&len, h, 4);
      std::memcpy(&at, h + 8, 8);
    }
    const bool spans_into_newest =
        pos + kFrameHeaderBytes > stream.last_start() ||
        (h != nullptr && at == pos && len != 0 && len <= kMaxPayloadBytes &&
         pos + FrameBytes(len) > stream.last_start());
    if (!spans_into_newest) {
      return Status::Error("ORA-00353: log corruption near redo byte " + Hex(pos) +
                           " (a complete log file is unreadable there)");
    }
  }
  // Past the end: zeros (never written), leftovers of an older sequence (frames of earlier
  // positions) or a torn or corrupt write.
  const uint64_t look = std::min<uint64_t>(4096, stream.end() - pos);
  const uint8_t* tail = stream.At(pos, look, &scratch);
  bool nonzero = false;
  for (uint64_t i = 0; tail != nullptr && i < look && !nonzero; ++i) nonzero = tail[i] != 0;
  Lsn stale_lsn = 0;
  if (nonzero && look >= kFrameHeaderBytes) std::memcpy(&stale_lsn, tail + 8, 8);
  const bool leftover = stale_lsn != 0 && stale_lsn < pos && (pos - stale_lsn) % 8 == 0;
  if (nonzero && !leftover) {
    out->tail_discarded = true;
    out->tail_detail = "redo tail discarded at byte " + Hex(pos) + " (a torn or corrupt record)";
  }
  // Whatever ends the stream (zeros, what looks like leftovers, a torn record), a valid
  // frame further on than one LGWR write can reach means the end is damage in the middle of
  // acknowledged redo: corruption, never a silent end. Leftovers of an older sequence
  // carry other positions and never pass for a frame here. Bounded by the last file, whose
  // holes (a sparse file never written there) are skipped: a large log file is mostly one.
  int last_fd = open(stream.last_path().c_str(), O_RDONLY | O_CLOEXEC);
  struct FdCloser {
    int fd;
    ~FdCloser() {
      if (fd >= 0) close(fd);
    }
  } closer{last_fd};
  Lsn extent_end = 0;  // in the last file, [q, extent_end) may hold data
  for (Lsn q = (pos + max_write + 8) & ~Lsn{7}; q + kFrameHeaderBytes <= stream.end(); q += 8) {
    if (last_fd >= 0 && q >= stream.last_start() && q >= extent_end) {
      const auto off = static_cast<off_t>(kLogHeaderBlock + (q - stream.last_start()));
      const off_t data = lseek(last_fd, off, SEEK_DATA);
      if (data < 0) break;  // nothing but hole to the end
      const off_t hole = lseek(last_fd, data, SEEK_HOLE);
      q = std::max(q, (stream.last_start() + (uint64_t(data) - kLogHeaderBlock)) & ~Lsn{7});
      extent_end = hole < 0 ? stream.end() : stream.last_start() + (uint64_t(hole) - kLogHeaderBlock);
      if (q + kFrameHeaderBytes > stream.end()) break;
    }
    // Cheap test first (most of a file is zeros or leftovers): the frame's own position.
    const uint8_t* h = stream.At(q, kFrameHeaderBytes, &scratch);
    Lsn at = 0;
    if (h != nullptr) std::memcpy(&at, h + 8, 8);
    if (at != q) continue;
    std::string_view payload;
    size_t frame = 0;
    if (FrameAt(stream, q, &scratch, &payload, &frame)) {
      return Status::Error("ORA-00353: log corruption near redo byte " + Hex(pos) +
                           ": valid redo follows at " + Hex(q));
    }
  }
  return Status::OK();
}

}  // namespace warden::storage
