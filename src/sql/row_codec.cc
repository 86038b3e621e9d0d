// Row and index-key encoding (see row_codec.h).
#include "sql/row_codec.h"

#include <cstring>

#include "common/ora_error.h"
#include "txn/transaction.h"

namespace warden::sql {
namespace {

enum Tag : char { kNull = 0, kNumberTag = 1, kVarcharTag = 2, kDateTag = 3 };

bool KeyOfImage(const storage::TableMeta*, const storage::IndexMeta* ix,
                const storage::RowImage* image, std::string* key) {
  std::vector<Value> row;
  DecodeRow(storage::ImageBytes(image), &row);
  return EncodeIndexKey(*ix, row, key);
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
      case DataType::kVarchar2: {
        out.push_back(kVarcharTag);
        uint32_t n = static_cast<uint32_t>(v.str().size());
        out.append(reinterpret_cast<const char*>(&n), 4);
        out.append(v.str());
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
      case kVarcharTag: {
        uint32_t n;
        std::memcpy(&n, bytes.data() + i, 4);
        i += 4;
        out->push_back(Value::Varchar(std::string(bytes.substr(i, n))));
        i += n;
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

void RegisterRowCodec() { txn::SetIndexKeyFunction(&KeyOfImage); }

}  // namespace warden::sql
