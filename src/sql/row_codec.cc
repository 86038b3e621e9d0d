// Row and index-key encoding (see row_codec.h).
#include "sql/row_codec.h"

#include <algorithm>
#include <cstring>
#include <string_view>

#include "common/ora_error.h"
#include "txn/transaction.h"

namespace warden::sql {
namespace {

enum Tag : char {
  kNull = 0,
  kNumberTag = 1,
  kVarcharTag = 2,
  kDateTag = 3,
  kTimestampTag = 4,
  kRawTag = 5,
};

bool KeyOfImage(const storage::TableMeta*, const storage::IndexMeta* ix,
                const storage::RowImage* image, std::string* key) {
  std::vector<Value> row;
  DecodeRow(storage::ImageBytes(image), &row);
  return EncodeIndexKey(*ix, row, key);
}

// The bytes of column `col` (its tag included) in an encoded row; empty if the row has
// fewer columns (then both images of a row compare as the same for it).
std::string_view ColumnBytes(std::string_view row, int col) {
  size_t i = 0;
  for (int c = 0; i < row.size(); ++c) {  // bounded by the row's bytes
    const size_t start = i;
    switch (row[i++]) {
      case kNull:
        break;
      case kNumberTag:
        i += Number::kBinaryBytes;
        break;
      case kVarcharTag:
      case kRawTag: {
        uint32_t n;
        std::memcpy(&n, row.data() + i, 4);
        i += 4 + n;
        break;
      }
      case kTimestampTag:
      case kDateTag:
        i += 8;
        break;
      default:
        throw OraError::Make(600, {"ColumnBytes", "bad column tag"});
    }
    if (c == col) return row.substr(start, std::min(i, row.size()) - start);
  }
  return {};
}

// Same bytes, same values: the same key. (Not the converse: KeyOfImage decides then.)
bool SameKeyColumns(const storage::IndexMeta* ix, const storage::RowImage* a,
                    const storage::RowImage* b) {
  const std::string_view ra = storage::ImageBytes(a), rb = storage::ImageBytes(b);
  for (int i = 0; i < ix->ncols; ++i) {
    if (ColumnBytes(ra, ix->cols[i]) != ColumnBytes(rb, ix->cols[i])) return false;
  }
  return true;
}

void AppendBytes(const std::string& b, std::string* out) {
  uint32_t n = static_cast<uint32_t>(b.size());
  out->append(reinterpret_cast<const char*>(&n), 4);
  out->append(b);
}

std::string ReadBytes(std::string_view bytes, size_t* i) {
  uint32_t n;
  std::memcpy(&n, bytes.data() + *i, 4);
  *i += 4;
  std::string s(bytes.substr(*i, n));
  *i += n;
  return s;
}

}  // namespace

std::string EncodeRow(const std::vector<Value>& values) {
  std::string out;
  out.reserve(values.size() * 8);
  for (const Value& v : values) {
    if (v.is_null()) {
      out.push_back(kNull);
      continue;
    }
    switch (v.type()) {
      case DataType::kNumber:
        out.push_back(kNumberTag);
        v.number().AppendBinary(&out);
        break;
      case DataType::kVarchar2:
        out.push_back(kVarcharTag);
        AppendBytes(v.str(), &out);
        break;
      case DataType::kRaw:
        out.push_back(kRawTag);
        AppendBytes(v.raw(), &out);
        break;
      case DataType::kTimestamp: {
        out.push_back(kTimestampTag);
        int64_t us = v.timestamp_micros();
        out.append(reinterpret_cast<const char*>(&us), 8);
        break;
      }
      case DataType::kDate: {
        out.push_back(kDateTag);
        int64_t s = v.date_seconds();
        out.append(reinterpret_cast<const char*>(&s), 8);
        break;
      }
    }
  }
  return out;
}

void DecodeRow(std::string_view bytes, std::vector<Value>* out) {
  size_t i = 0;
  while (i < bytes.size()) {  // bounded by the image's bytes
    char tag = bytes[i++];
    switch (tag) {
      case kNull:
        out->push_back(Value::Null());
        break;
      case kNumberTag:
        out->push_back(Value::Num(Number::FromBinary(bytes.data() + i)));
        i += Number::kBinaryBytes;
        break;
      case kVarcharTag:
        out->push_back(Value::Varchar(ReadBytes(bytes, &i)));
        break;
      case kRawTag:
        out->push_back(Value::Raw(ReadBytes(bytes, &i)));
        break;
      case kTimestampTag: {
        int64_t us;
        std::memcpy(&us, bytes.data() + i, 8);
        i += 8;
        out->push_back(Value::Timestamp(us));
        break;
      }
      case kDateTag: {
        int64_t s;
        std::memcpy(&s, bytes.data() + i, 8);
        i += 8;
        out->push_back(Value::Date(s));
        break;
      }
      default:
        throw OraError::Make(600, {"DecodeRow", "bad column tag"});
    }
  }
}

bool EncodeIndexKey(const storage::IndexMeta& index, const std::vector<Value>& row,
                    std::string* key) {
  key->clear();
  bool any = false;
  for (int i = 0; i < index.ncols; ++i) {
    const Value& v = row[index.cols[i]];
    any = any || !v.is_null();
    AppendGroupingKey(v, key);
  }
  return any;
}

void RegisterRowCodec() {
  txn::SetIndexKeyFunction(&KeyOfImage);
  txn::SetSameKeyColumnsFunction(&SameKeyColumns);
}

}  // namespace warden::sql
