// CommandComplete tag -> SQL*Plus feedback (see feedback_tags.h).
#include "client/feedback_tags.h"

#include <charconv>

namespace warden::client {
namespace {

// Tags that carry a row count as their last word: "UPDATE 3" -> "3 rows updated.".
struct CountTag {
  std::string_view verb;
  std::string_view past;
};

constexpr CountTag kCountTags[] = {
    {"INSERT", "created"},
    {"UPDATE", "updated"},
    {"DELETE", "deleted"},
    {"MERGE", "merged"},
};

struct FixedTag {
  std::string_view tag;
  std::string_view feedback;
};

constexpr FixedTag kFixedTags[] = {
    {"CREATE TABLE", "Table created."},
    {"DROP TABLE", "Table dropped."},
    {"ALTER TABLE", "Table altered."},
    {"TRUNCATE TABLE", "Table truncated."},
    {"LOCK TABLE", "Table(s) Locked."},
    {"CREATE INDEX", "Index created."},
    {"DROP INDEX", "Index dropped."},
    {"ALTER INDEX", "Index altered."},
    {"CREATE VIEW", "View created."},
    {"DROP VIEW", "View dropped."},
    {"CREATE SEQUENCE", "Sequence created."},
    {"DROP SEQUENCE", "Sequence dropped."},
    {"ALTER SEQUENCE", "Sequence altered."},
    {"CREATE SYNONYM", "Synonym created."},
    {"DROP SYNONYM", "Synonym dropped."},
    {"CREATE USER", "User created."},
    {"ALTER USER", "User altered."},
    {"DROP USER", "User dropped."},
    {"CREATE ROLE", "Role created."},
    {"DROP ROLE", "Role dropped."},
    {"GRANT", "Grant succeeded."},
    {"REVOKE", "Revoke succeeded."},
    {"ALTER SYSTEM", "System altered."},
    {"ALTER SESSION", "Session altered."},
    {"ALTER DATABASE", "Database altered."},
    {"COMMIT", "Commit complete."},
    {"ROLLBACK", "Rollback complete."},
    {"SAVEPOINT", "Savepoint created."},
    {"SET TRANSACTION", "Transaction set."},
    {"COMMENT", "Comment created."},
    {"CREATE PROCEDURE", "Procedure created."},
    {"DROP PROCEDURE", "Procedure dropped."},
    {"CREATE FUNCTION", "Function created."},
    {"DROP FUNCTION", "Function dropped."},
    {"CREATE TRIGGER", "Trigger created."},
    {"DROP TRIGGER", "Trigger dropped."},
    {"CALL", kPlsqlFeedback},
    {"DO", kPlsqlFeedback},
};

}  // namespace

std::string FeedbackForTag(std::string_view tag) {
  for (const FixedTag& fixed : kFixedTags) {
    if (tag == fixed.tag) return std::string(fixed.feedback);
  }
  for (const CountTag& count : kCountTags) {
    if (!tag.starts_with(count.verb) || tag.size() <= count.verb.size() ||
        tag[count.verb.size()] != ' ') {
      continue;
    }
    std::string_view number = tag.substr(tag.rfind(' ') + 1);
    unsigned long long n = 0;
    auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), n);
    if (ec != std::errc() || end != number.data() + number.size()) break;
    return std::to_string(n) + (n == 1 ? " row " : " rows ") + std::string(count.past) + ".";
  }
  return std::string(tag);
}

}  // namespace warden::client
