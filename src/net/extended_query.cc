// The extended query protocol of one session (see extended_query.h).
#include "net/extended_query.h"

#include <algorithm>
#include <exception>

#include "common/ora_error.h"
#include "net/pg_backend_messages.h"

namespace warden::net {
namespace {

void Check(const PgStatus& st) {
  if (!st.ok()) throw st.ToOraError();
}

bool AnyBinary(const std::vector<int16_t>& formats) {
  return std::find(formats.begin(), formats.end(), kPgBinaryFormat) != formats.end();
}

void AppendRowDescription(const std::optional<std::vector<sql::ColumnDef>>& columns,
                          std::string* out) {
  if (columns) {
    RowDescriptionOf(*columns).EncodeTo(out);
  } else {
    PgNoData{}.EncodeTo(out);
  }
}

}  // namespace

bool ExtendedQuery::Handles(char type) {
  return type == 'P' || type == 'B' || type == 'D' || type == 'E' || type == 'C';
}

void ExtendedQuery::Handle(const PgFrame& frame, std::string* out, WireSink& sink) {
  if (skipping_) return;
  try {
    switch (frame.type) {
      case 'P': {
        PgParse m;
        Check(PgParse::Decode(frame.payload, &m));
        Parse(m, out);
        break;
      }
      case 'B': {
        PgBind m;
        Check(PgBind::Decode(frame.payload, &m));
        Bind(m, out);
        break;
      }
      case 'D': {
        PgDescribe m;
        Check(PgDescribe::Decode(frame.payload, &m));
        Describe(m, out);
        break;
      }
      case 'E': {
        PgExecute m;
        Check(PgExecute::Decode(frame.payload, &m));
        Execute(m, out, sink);
        break;
      }
      case 'C': {
        PgClose m;
        Check(PgClose::Decode(frame.payload, &m));
        Close(m, out);
        break;
      }
      default:
        throw OraError::Make(600, {"ExtendedQuery::Handle: message type"}, Severity::kFatal);
    }
  } catch (const OraError& e) {
    if (e.severity() != Severity::kError) throw;
    PgErrorResponse{PgErrorFields::FromOraError(e)}.EncodeTo(out);
    skipping_ = true;
  } catch (const std::exception& e) {
    PgErrorResponse{PgErrorFields::FromOraError(OraError::Make(600, {e.what()}))}.EncodeTo(out);
    skipping_ = true;
  }
}

void ExtendedQuery::Sync() {
  skipping_ = false;
  if (session_.transaction_status == 'I') portals_.clear();
}

void ExtendedQuery::DropUnnamed() {
  statements_.erase("");
  portals_.erase("");
}

void ExtendedQuery::Parse(const PgParse& m, std::string* out) {
  if (!m.statement_name.empty() && statements_.count(m.statement_name) != 0) {
    throw OraError::Make(955);
  }
  Statement s{sql::PreparedStatement::Prepare(m.query), {}};
  const size_t count = static_cast<size_t>(s.prepared.ParamCount());
  if (m.param_type_oids.size() > count) throw OraError::Make(1006);
  s.param_types = m.param_type_oids;
  s.param_types.resize(count, 0);
  statements_.insert_or_assign(m.statement_name, std::move(s));
  PgParseComplete{}.EncodeTo(out);
}

void ExtendedQuery::Bind(const PgBind& m, std::string* out) {
  const Statement& s = FindStatement(m.statement_name);
  if (AnyBinary(m.param_formats) || AnyBinary(m.result_formats)) throw OraError::Make(3115);
  if (!m.portal_name.empty() && portals_.count(m.portal_name) != 0) throw OraError::Make(955);
  portals_.erase(m.portal_name);  // the unnamed portal is replaced
  portals_[m.portal_name] = s.prepared.Bind(catalog_, session_, m.params);
  PgBindComplete{}.EncodeTo(out);
}

void ExtendedQuery::Describe(const PgDescribe& m, std::string* out) {
  if (m.target == PgTarget::kPortal) {
    AppendRowDescription(FindPortal(m.name).Columns(), out);
    return;
  }
  const Statement& s = FindStatement(m.name);
  std::optional<std::vector<sql::ColumnDef>> columns = s.prepared.Describe(catalog_, session_);
  PgParameterDescription params;
  for (PgOid oid : s.param_types) params.type_oids.push_back(oid == 0 ? kPgTextOid : oid);
  params.EncodeTo(out);
  AppendRowDescription(columns, out);
}

void ExtendedQuery::Execute(const PgExecute& m, std::string* out, WireSink& sink) {
  sql::Portal& portal = FindPortal(m.portal_name);
  sql::Portal::Outcome outcome;
  try {
    outcome = portal.Run(sink, m.max_rows);
  } catch (...) {
    portals_.erase(m.portal_name);  // a failed portal cannot go on
    throw;
  }
  if (outcome.suspended) {
    PgPortalSuspended{}.EncodeTo(out);
  } else if (outcome.tag.empty()) {
    PgEmptyQueryResponse{}.EncodeTo(out);
  } else {
    PgCommandComplete{outcome.tag}.EncodeTo(out);
  }
}

void ExtendedQuery::Close(const PgClose& m, std::string* out) {
  // Closing what does not exist is not an error (PostgreSQL).
  if (m.target == PgTarget::kStatement) {
    statements_.erase(m.name);
  } else {
    portals_.erase(m.name);
  }
  PgCloseComplete{}.EncodeTo(out);
}

const ExtendedQuery::Statement& ExtendedQuery::FindStatement(const std::string& name) const {
  auto it = statements_.find(name);
  if (it == statements_.end()) throw OraError::Make(1001);
  return it->second;
}

sql::Portal& ExtendedQuery::FindPortal(const std::string& name) const {
  auto it = portals_.find(name);
  if (it == portals_.end()) throw OraError::Make(1001);
  return *it->second;
}

}  // namespace warden::net
