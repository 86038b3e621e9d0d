// Results on the wire (see wire_result.h).
#include "net/wire_result.h"

namespace warden::net {
namespace {

PgFieldDescription DescribeColumn(const sql::ColumnDef& c) {
  PgFieldDescription f;
  f.name = c.name;
  switch (c.type) {
    case sql::DataType::kNumber:
      f.type_oid = kPgNumericOid;
      f.type_size = -1;
      break;
    case sql::DataType::kDate:
      f.type_oid = kPgTimestampOid;
      f.type_size = 8;
      break;
    default:
      f.type_oid = kPgVarcharOid;
      f.type_size = -1;
      break;
  }
  return f;
}

}  // namespace

PgRowDescription RowDescriptionOf(const std::vector<sql::ColumnDef>& columns) {
  PgRowDescription rd;
  for (const sql::ColumnDef& c : columns) rd.fields.push_back(DescribeColumn(c));
  return rd;
}

void WireSink::Columns(const std::vector<sql::ColumnDef>& cols) {
  RowDescriptionOf(cols).EncodeTo(out_);
}

void WireSink::Row(const std::vector<sql::Value>& row) {
  PgDataRow dr;
  dr.values.reserve(row.size());
  for (const sql::Value& v : row) {
    if (v.is_null()) {
      dr.values.emplace_back(std::nullopt);
    } else {
      dr.values.emplace_back(v.ToText());
    }
  }
  dr.EncodeTo(out_);
  if (out_->size() >= kFlushThreshold) Flush();
}

void WireSink::Flush() {
  if (!socket_->Write(out_)) {
    throw OraError::Make(3113, {}, Severity::kFatal);  // the client is gone
  }
}

}  // namespace warden::net
