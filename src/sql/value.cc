// Value, three-valued logic and Oracle's implicit conversions (see value.h).
#include "sql/value.h"

#include "common/ora_error.h"
#include "sql/date_time.h"
#include "sql/raw.h"

namespace warden::sql {

const char* DataTypeName(DataType t) {
  switch (t) {
    case DataType::kNumber: return "NUMBER";
    case DataType::kVarchar2: return "CHAR";
    case DataType::kDate: return "DATE";
    case DataType::kTimestamp: return "TIMESTAMP";
    case DataType::kRaw: return "BINARY";
  }
  return "CHAR";
}

Value Value::Num(Number n) {
  Value v;
  v.v_ = n;
  return v;
}

Value Value::FromInt(int64_t i) { return Num(Number::FromInt64(i)); }

Value Value::Varchar(std::string s) {
  Value v;
  if (!s.empty()) v.v_ = std::move(s);
  return v;
}

Value Value::Date(int64_t date_seconds) {
  Value v;
  v.v_ = DateSeconds{date_seconds};
  return v;
}

Value Value::Timestamp(int64_t micros) {
  Value v;
  v.v_ = TimestampMicros{micros};
  return v;
}

Value Value::Raw(std::string bytes) {
  Value v;
  if (!bytes.empty()) v.v_ = RawBytes{std::move(bytes)};
  return v;
}

DataType Value::type() const {
  switch (v_.index()) {
    case 1: return DataType::kNumber;
    case 2: return DataType::kVarchar2;
    case 3: return DataType::kDate;
    case 4: return DataType::kTimestamp;
    default: return DataType::kRaw;
  }
}

std::string Value::ToText() const {
  switch (type()) {
    case DataType::kNumber: return number().ToString();
    case DataType::kVarchar2: return str();
    case DataType::kDate: return FormatDefaultDate(date_seconds());
    case DataType::kTimestamp: return FormatDefaultTimestamp(timestamp_micros());
    case DataType::kRaw: return HexOf(raw());
  }
  return {};
}

Tri TriAnd(Tri a, Tri b) {
  if (a == Tri::kFalse || b == Tri::kFalse) return Tri::kFalse;
  if (a == Tri::kUnknown || b == Tri::kUnknown) return Tri::kUnknown;
  return Tri::kTrue;
}

Tri TriOr(Tri a, Tri b) {
  if (a == Tri::kTrue || b == Tri::kTrue) return Tri::kTrue;
  if (a == Tri::kUnknown || b == Tri::kUnknown) return Tri::kUnknown;
  return Tri::kFalse;
}

Tri TriNot(Tri a) {
  if (a == Tri::kUnknown) return a;
  return a == Tri::kTrue ? Tri::kFalse : Tri::kTrue;
}

Number ToNumber(const Value& v) {
  if (v.type() == DataType::kNumber) return v.number();
  if (v.type() == DataType::kVarchar2) return Number::ParseOrThrow(v.str());
  throw OraError::Make(932, {"NUMBER", DataTypeName(v.type())});
}

std::string ToVarchar(const Value& v) {
  switch (v.type()) {
    case DataType::kNumber: return v.number().ToOracleText();
    case DataType::kVarchar2: return v.str();
    case DataType::kDate:
    case DataType::kTimestamp:
    case DataType::kRaw: return v.ToText();
  }
  return {};
}

int64_t ToDate(const Value& v) {
  switch (v.type()) {
    case DataType::kDate: return v.date_seconds();
    case DataType::kTimestamp: return FloorDivide(v.timestamp_micros(), kMicrosPerSecond);
    case DataType::kVarchar2: {
      int64_t d = 0;
      if (!ParseDefaultDate(v.str(), &d)) throw OraError::Make(1861);
      return d;
    }
    default: break;
  }
  throw OraError::Make(932, {"DATE", DataTypeName(v.type())});
}

int64_t ToTimestamp(const Value& v) {
  switch (v.type()) {
    case DataType::kTimestamp: return v.timestamp_micros();
    case DataType::kDate: return v.date_seconds() * kMicrosPerSecond;
    case DataType::kVarchar2: {
      int64_t t = 0;
      if (!ParseDefaultTimestamp(v.str(), &t)) throw OraError::Make(1861);
      return t;
    }
    default: break;
  }
  throw OraError::Make(932, {"TIMESTAMP", DataTypeName(v.type())});
}

std::string ToRaw(const Value& v) {
  if (v.type() == DataType::kRaw) return v.raw();
  if (v.type() == DataType::kVarchar2) return BytesOfHex(v.str());
  throw OraError::Make(932, {"BINARY", DataTypeName(v.type())});
}

Value ConvertTo(const Value& v, DataType type) {
  if (v.is_null() || v.type() == type) return v;
  switch (type) {
    case DataType::kNumber: return Value::Num(ToNumber(v));
    case DataType::kVarchar2: return Value::Varchar(ToVarchar(v));
    case DataType::kDate: return Value::Date(ToDate(v));
    case DataType::kTimestamp: return Value::Timestamp(ToTimestamp(v));
    case DataType::kRaw: return Value::Raw(ToRaw(v));
  }
  return v;
}

namespace {

int Sign(int64_t a, int64_t b) { return a < b ? -1 : (a > b ? 1 : 0); }

int CompareSameType(const Value& a, const Value& b) {
  switch (a.type()) {
    case DataType::kNumber: return Number::Compare(a.number(), b.number());
    case DataType::kVarchar2: {
      const int c = a.str().compare(b.str());  // VARCHAR2: nonpadded, byte order
      return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    case DataType::kDate: return Sign(a.date_seconds(), b.date_seconds());
    case DataType::kTimestamp: return Sign(a.timestamp_micros(), b.timestamp_micros());
    case DataType::kRaw: {
      const int c = a.raw().compare(b.raw());  // bytes, unsigned (std::char_traits<char>)
      return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
  }
  return 0;
}

bool IsDatetime(DataType t) { return t == DataType::kDate || t == DataType::kTimestamp; }

}  // namespace

std::optional<int> Compare(const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return std::nullopt;
  const DataType ta = a.type();
  const DataType tb = b.type();
  if (ta == tb) return CompareSameType(a, b);
  if (IsDatetime(ta) && IsDatetime(tb)) {
    return CompareSameType(ConvertTo(a, DataType::kTimestamp), ConvertTo(b, DataType::kTimestamp));
  }
  if (ta == DataType::kVarchar2) return CompareSameType(ConvertTo(a, tb), b);
  if (tb == DataType::kVarchar2) return CompareSameType(a, ConvertTo(b, ta));
  throw OraError::Make(932, {DataTypeName(ta), DataTypeName(tb)});
}

int CompareForSort(const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return a.is_null() == b.is_null() ? 0 : (a.is_null() ? 1 : -1);
  return *Compare(a, b);
}

void AppendGroupingKey(const Value& v, std::string* key) {
  // Tag, then a length-prefixed body: no two distinct values share an encoding. Numbers
  // are normalized, so their canonical text is unique.
  std::string body;
  char tag = 'N';
  if (!v.is_null()) {
    switch (v.type()) {
      case DataType::kNumber:
        tag = 'n';
        body = v.number().ToString();
        break;
      case DataType::kVarchar2:
        tag = 's';
        body = v.str();
        break;
      case DataType::kDate:
        tag = 'd';
        body = std::to_string(v.date_seconds());
        break;
      case DataType::kTimestamp:
        tag = 't';
        body = std::to_string(v.timestamp_micros());
        break;
      case DataType::kRaw:
        tag = 'r';
        body = v.raw();
        break;
    }
  }
  key->push_back(tag);
  key->append(std::to_string(body.size()));
  key->push_back(':');
  key->append(body);
}

}  // namespace warden::sql
