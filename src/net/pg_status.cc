// PgStatus conversion into the error the client is sent.
#include "net/pg_status.h"

namespace warden::net {

OraError PgStatus::ToOraError() const { return OraError::Make(3137, {message_}, Severity::kFatal); }

}  // namespace warden::net
