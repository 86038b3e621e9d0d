// Tests of the BREAK command's parsing and listing.
#include "client/break_settings.h"

#include <gtest/gtest.h>

namespace warden::client {
namespace {

TEST(BreakSettingsTest, ParseAndList) {
  BreakSettings b;
  bool failed = true;
  EXPECT_EQ(b.Apply("", &failed), "SP2-0045: * no break's defined\n");
  EXPECT_EQ(b.Apply("on deptno skip 1 on job dup on row skip page", &failed), "");
  EXPECT_FALSE(failed);
  ASSERT_EQ(b.elements().size(), 3u);
  EXPECT_EQ(b.elements()[0].name, "deptno");
  EXPECT_EQ(b.elements()[0].skip_lines, 1);
  EXPECT_TRUE(b.elements()[1].duplicates);
  EXPECT_EQ(b.elements()[2].name, "ROW");
  EXPECT_TRUE(b.elements()[2].skip_page);
  EXPECT_EQ(b.Apply("", &failed), "break on deptno skip 1 nodup on job dup on ROW page nodup\n");
  // A new BREAK replaces the old one; SKIP 1 PAGE is SKIP PAGE.
  b.Apply("on sid skip 1 page", &failed);
  ASSERT_EQ(b.elements().size(), 1u);
  EXPECT_TRUE(b.elements()[0].skip_page);
  EXPECT_EQ(b.elements()[0].skip_lines, 0);
  b.Clear();
  EXPECT_TRUE(b.elements().empty());
}

TEST(BreakSettingsTest, Errors) {
  BreakSettings b;
  bool failed = false;
  EXPECT_EQ(b.Apply("skip 1", &failed), "SP2-0158: unknown BREAK option \"skip\"\n");
  EXPECT_TRUE(failed);
  EXPECT_EQ(b.Apply("on x skip many", &failed), "SP2-0158: unknown BREAK option \"many\"\n");
  EXPECT_EQ(b.Apply("on", &failed), "SP2-0158: unknown BREAK option \"on\"\n");
  EXPECT_EQ(b.Apply("on x bogus", &failed), "SP2-0158: unknown BREAK option \"bogus\"\n");
  EXPECT_TRUE(b.elements().empty());  // nothing applied
}

}  // namespace
}  // namespace warden::client
