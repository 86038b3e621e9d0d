// Redo frames and record payloads (see redo_format.h). Integers are little-endian; strings
// are a u32 length and the bytes.
#include "storage/redo_format.h"

#include <cstring>

#include "common/crc32c.h"

namespace warden::storage {
namespace {

class Writer {
 public:
  explicit Writer(RedoType t) { out_.push_back(static_cast<char>(t)); }
  Writer& U8(uint8_t v) { return Raw(&v, 1); }
  Writer& U32(uint32_t v) { return Raw(&v, 4); }
  Writer& U64(uint64_t v) { return Raw(&v, 8); }
  Writer& I64(int64_t v) { return Raw(&v, 8); }
  Writer& Str(std::string_view s) {
    U32(static_cast<uint32_t>(s.size()));
    out_.append(s);
    return *this;
  }
  std::string Take() { return std::move(out_); }

 private:
  Writer& Raw(const void* p, size_t n) {  // the host is little-endian (x86-64)
    out_.append(static_cast<const char*>(p), n);
    return *this;
  }
  std::string out_;
};

class Reader {
 public:
  Reader(std::string_view p, RedoType t) : p_(p) {
    ok_ = !p_.empty() && static_cast<RedoType>(p_[0]) == t;
    pos_ = 1;
  }
  uint8_t U8() { return Fixed<uint8_t>(); }
  uint32_t U32() { return Fixed<uint32_t>(); }
  uint64_t U64() { return Fixed<uint64_t>(); }
  int64_t I64() { return Fixed<int64_t>(); }
  int32_t I32() { return static_cast<int32_t>(Fixed<uint32_t>()); }
  std::string Str() {
    const uint32_t n = U32();
    if (!ok_ || p_.size() - pos_ < n) {
      ok_ = false;
      return {};
    }
    std::string s(p_.substr(pos_, n));
    pos_ += n;
    return s;
  }
  // Every byte read, none left over.
  bool Done() const { return ok_ && pos_ == p_.size(); }
  bool ok() const { return ok_; }

 private:
  template <typename T>
  T Fixed() {
    T v{};
    if (!ok_ || p_.size() - pos_ < sizeof v) {
      ok_ = false;
      return v;
    }
    std::memcpy(&v, p_.data() + pos_, sizeof v);
    pos_ += sizeof v;
    return v;
  }
  std::string_view p_;
  size_t pos_ = 0;
  bool ok_ = false;
};

uint32_t FrameCrc(Lsn lsn, std::string_view payload) {
  uint32_t c = Crc32c(&lsn, sizeof lsn);
  return Crc32c(payload.data(), payload.size(), c);
}

}  // namespace

void EncodeFrame(Lsn lsn, std::string_view payload, uint8_t* out) {
  const uint32_t len = static_cast<uint32_t>(payload.size());
  const uint32_t crc = FrameCrc(lsn, payload);
  std::memcpy(out, &len, 4);
  std::memcpy(out + 4, &crc, 4);
  std::memcpy(out + 8, &lsn, 8);
  std::memcpy(out + kFrameHeaderBytes, payload.data(), payload.size());
  const size_t total = FrameBytes(payload.size());
  std::memset(out + kFrameHeaderBytes + payload.size(), 0, total - kFrameHeaderBytes - payload.size());
}

bool DecodeFrame(const uint8_t* p, size_t avail, Lsn lsn, std::string_view* payload,
                 size_t* frame_bytes) {
  if (avail < kFrameHeaderBytes) return false;
  uint32_t len, crc;
  Lsn at;
  std::memcpy(&len, p, 4);
  std::memcpy(&crc, p + 4, 4);
  std::memcpy(&at, p + 8, 8);
  if (len == 0 || len > kMaxPayloadBytes || at != lsn || FrameBytes(len) > avail) return false;
  std::string_view body(reinterpret_cast<const char*>(p + kFrameHeaderBytes), len);
  if (FrameCrc(lsn, body) != crc) return false;
  *payload = body;
  *frame_bytes = FrameBytes(len);
  return true;
}

RedoType PayloadType(std::string_view payload) {
  return payload.empty() ? RedoType{0} : static_cast<RedoType>(payload[0]);
}

std::string EncodeRowChange(const RowChangeRedo& r) {
  Writer w(RedoType::kRowChange);
  w.U64(r.xid).U32(r.attempt).U32(r.table_id).U64(r.rowno).U8(r.deleted ? 1 : 0);
  if (!r.deleted) w.Str(r.image);
  return w.Take();
}

bool DecodeRowChange(std::string_view p, RowChangeRedo* r) {
  Reader rd(p, RedoType::kRowChange);
  r->xid = rd.U64();
  r->attempt = rd.U32();
  r->table_id = rd.U32();
  r->rowno = rd.U64();
  r->deleted = rd.U8() != 0;
  r->image = r->deleted ? std::string() : rd.Str();
  return rd.Done();
}

std::string EncodeCommit(const CommitRedo& r) {
  return Writer(RedoType::kCommit).U64(r.xid).U32(r.attempt).I64(r.time).Take();
}

bool DecodeCommit(std::string_view p, CommitRedo* r) {
  Reader rd(p, RedoType::kCommit);
  r->xid = rd.U64();
  r->attempt = rd.U32();
  r->time = rd.I64();
  return rd.Done();
}

std::string EncodeTable(const TableRedo& r) {
  Writer w(RedoType::kCreateTable);
  w.U32(r.object_id).Str(r.owner).Str(r.name).I64(r.created).U32(uint32_t(r.columns.size()));
  for (const NewColumn& c : r.columns) {
    w.Str(c.name).U8(c.type).U32(uint32_t(c.precision)).U32(uint32_t(c.scale));
    w.U32(uint32_t(c.length)).U8(c.fixed_char ? 1 : 0).U8(c.nullable ? 1 : 0).Str(c.default_sql);
  }
  return w.Take();
}

bool DecodeTable(std::string_view p, TableRedo* r) {
  Reader rd(p, RedoType::kCreateTable);
  r->object_id = rd.U32();
  r->owner = rd.Str();
  r->name = rd.Str();
  r->created = rd.I64();
  const uint32_t n = rd.U32();
  if (!rd.ok() || n > uint32_t(kMaxColumns)) return false;
  r->columns.clear();
  for (uint32_t i = 0; i < n && rd.ok(); ++i) {
    NewColumn c;
    c.name = rd.Str();
    c.type = rd.U8();
    c.precision = rd.I32();
    c.scale = rd.I32();
    c.length = rd.I32();
    c.fixed_char = rd.U8() != 0;
    c.nullable = rd.U8() != 0;
    c.default_sql = rd.Str();
    r->columns.push_back(std::move(c));
  }
  return rd.Done();
}

std::string EncodeIndex(const IndexRedo& r) {
  Writer w(RedoType::kCreateIndex);
  w.U32(r.table_id).U32(r.object_id).Str(r.name).U8(r.unique ? 1 : 0).U8(r.primary_key ? 1 : 0);
  w.U32(uint32_t(r.cols.size()));
  for (int32_t c : r.cols) w.U32(uint32_t(c));
  return w.Take();
}

bool DecodeIndex(std::string_view p, IndexRedo* r) {
  Reader rd(p, RedoType::kCreateIndex);
  r->table_id = rd.U32();
  r->object_id = rd.U32();
  r->name = rd.Str();
  r->unique = rd.U8() != 0;
  r->primary_key = rd.U8() != 0;
  const uint32_t n = rd.U32();
  if (!rd.ok() || n > uint32_t(kMaxIndexColumns)) return false;
  r->cols.clear();
  for (uint32_t i = 0; i < n; ++i) r->cols.push_back(rd.I32());
  return rd.Done();
}

std::string EncodeObject(RedoType type, const ObjectRedo& r) {
  return Writer(type).U32(r.table_id).U32(r.object_id).Take();
}

bool DecodeObject(std::string_view p, ObjectRedo* r) {
  const RedoType t = PayloadType(p);
  if (t != RedoType::kDropTable && t != RedoType::kDropIndex && t != RedoType::kTruncate) {
    return false;
  }
  Reader rd(p, t);
  r->table_id = rd.U32();
  r->object_id = rd.U32();
  return rd.Done();
}

std::string EncodeGrant(const GrantRedo& r) {
  return Writer(RedoType::kGrant).U32(r.object_id).Str(r.grantee).U32(r.privs).Take();
}

bool DecodeGrant(std::string_view p, GrantRedo* r) {
  Reader rd(p, RedoType::kGrant);
  r->object_id = rd.U32();
  r->grantee = rd.Str();
  r->privs = rd.U32();
  return rd.Done();
}

std::string EncodeCheckpoint(const CheckpointRedo& r) {
  return Writer(RedoType::kCheckpointHeader)
      .U64(r.start_lsn)
      .U64(r.number)
      .I64(r.time)
      .U32(r.next_object_id)
      .Take();
}

bool DecodeCheckpoint(std::string_view p, CheckpointRedo* r) {
  Reader rd(p, RedoType::kCheckpointHeader);
  r->start_lsn = rd.U64();
  r->number = rd.U64();
  r->time = rd.I64();
  r->next_object_id = rd.U32();
  return rd.Done();
}

std::string EncodeMarker(RedoType type) { return Writer(type).Take(); }

TableRedo TableRedoOf(const TableMeta& t) {
  TableRedo r;
  r.object_id = t.object_id;
  r.owner = t.owner;
  r.name = t.name;
  r.created = t.created;
  for (int32_t i = 0; i < t.ncols; ++i) {
    const ColumnMeta& m = t.cols[i];
    NewColumn c;
    c.name = m.name;
    c.type = m.type;
    c.precision = m.precision;
    c.scale = m.scale;
    c.length = m.length;
    c.fixed_char = m.fixed_char != 0;
    c.nullable = m.nullable != 0;
    c.default_sql = m.default_sql;
    r.columns.push_back(std::move(c));
  }
  return r;
}

IndexRedo IndexRedoOf(const TableMeta& t, const IndexMeta& ix) {
  IndexRedo r;
  r.table_id = t.object_id;
  r.object_id = ix.object_id;
  r.name = ix.name;
  r.unique = ix.unique != 0;
  r.primary_key = ix.primary_key != 0;
  r.cols.assign(ix.cols, ix.cols + ix.ncols);
  return r;
}

}  // namespace warden::storage
