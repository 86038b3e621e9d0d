// Tests of SET / SHOW for the SQL*Plus settings.
#include "client/display_settings.h"

#include <gtest/gtest.h>

namespace warden::client {
namespace {

TEST(DisplaySettingsTest, Defaults) {
  DisplaySettings s;
  EXPECT_EQ(*ShowSetting("feedback", s), "FEEDBACK ON for 6 or more rows");
  EXPECT_EQ(*ShowSetting("PAGESIZE", s), "pagesize 14");
  EXPECT_EQ(*ShowSetting("lin", s), "linesize 80");
  EXPECT_EQ(*ShowSetting("heading", s), "heading ON");
  EXPECT_EQ(*ShowSetting("echo", s), "echo OFF");
  EXPECT_FALSE(ShowSetting("user", s));
}

TEST(DisplaySettingsTest, SetSeveralWithAbbreviations) {
  DisplaySettings s;
  EXPECT_EQ(ApplySetCommand("pages 0 lines 200 feed off hea off echo on", &s), "");
  EXPECT_EQ(s.pagesize, 0);
  EXPECT_EQ(s.linesize, 200);
  EXPECT_EQ(s.feedback, 0);
  EXPECT_FALSE(s.heading);
  EXPECT_TRUE(s.echo);
  EXPECT_EQ(*ShowSetting("feedback", s), "feedback OFF");
  EXPECT_EQ(ApplySetCommand("FEEDBACK ON", &s), "");
  EXPECT_EQ(s.feedback, 1);
  EXPECT_EQ(ApplySetCommand("feedback 3", &s), "");
  EXPECT_EQ(s.feedback, 3);
}

TEST(DisplaySettingsTest, Errors) {
  DisplaySettings s;
  EXPECT_EQ(ApplySetCommand("pagesize x", &s), "SP2-0268: pagesize option not a valid number");
  EXPECT_EQ(ApplySetCommand("linesize 0", &s),
            "SP2-0267: linesize option 0 out of range (1 through 32767)");
  EXPECT_EQ(ApplySetCommand("heading maybe", &s), "SP2-0265: heading must be set to ON or OFF");
  EXPECT_EQ(ApplySetCommand("colsep |", &s), "SP2-0158: unknown SET option \"colsep\"");
  EXPECT_EQ(ApplySetCommand("pa 5", &s), "SP2-0158: unknown SET option \"pa\"");
  EXPECT_EQ(s.pagesize, 14);
  // Options before the bad one stay applied.
  EXPECT_EQ(ApplySetCommand("pagesize 20 linesize x", &s),
            "SP2-0268: linesize option not a valid number");
  EXPECT_EQ(s.pagesize, 20);
}

}  // namespace
}  // namespace warden::client
