// Tests of the CommandComplete tag -> SQL*Plus feedback table.
#include "client/feedback_tags.h"

#include <gtest/gtest.h>

namespace warden::client {
namespace {

TEST(FeedbackTagsTest, RowCounts) {
  EXPECT_EQ(FeedbackForTag("INSERT 0 1"), "1 row created.");
  EXPECT_EQ(FeedbackForTag("INSERT 0 5"), "5 rows created.");
  EXPECT_EQ(FeedbackForTag("UPDATE 1"), "1 row updated.");
  EXPECT_EQ(FeedbackForTag("UPDATE 0"), "0 rows updated.");
  EXPECT_EQ(FeedbackForTag("DELETE 12"), "12 rows deleted.");
  EXPECT_EQ(FeedbackForTag("MERGE 2"), "2 rows merged.");
}

TEST(FeedbackTagsTest, FixedTags) {
  EXPECT_EQ(FeedbackForTag("CREATE TABLE"), "Table created.");
  EXPECT_EQ(FeedbackForTag("DROP TABLE"), "Table dropped.");
  EXPECT_EQ(FeedbackForTag("ALTER SYSTEM"), "System altered.");
  EXPECT_EQ(FeedbackForTag("ALTER SESSION"), "Session altered.");
  EXPECT_EQ(FeedbackForTag("COMMIT"), "Commit complete.");
  EXPECT_EQ(FeedbackForTag("ROLLBACK"), "Rollback complete.");
  EXPECT_EQ(FeedbackForTag("CREATE USER"), "User created.");
  EXPECT_EQ(FeedbackForTag("GRANT"), "Grant succeeded.");
  EXPECT_EQ(FeedbackForTag("CALL"), "PL/SQL procedure successfully completed.");
}

TEST(FeedbackTagsTest, UnknownTagsAsSent) {
  EXPECT_EQ(FeedbackForTag("VACUUM"), "VACUUM");
  EXPECT_EQ(FeedbackForTag("UPDATES 3"), "UPDATES 3");
  EXPECT_EQ(FeedbackForTag("UPDATE x"), "UPDATE x");
  EXPECT_EQ(FeedbackForTag(""), "");
}

}  // namespace
}  // namespace warden::client
