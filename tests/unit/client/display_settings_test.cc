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
  EXPECT_EQ(ApplySetCommand("autotrace on", &s), "SP2-0158: unknown SET option \"autotrace\"");
  EXPECT_EQ(ApplySetCommand("define ab", &s),
            "SP2-0272: define character cannot be alphanumeric or whitespace");
  EXPECT_EQ(ApplySetCommand("numwidth 1", &s),
            "SP2-0267: numwidth option 1 out of range (2 through 50)");
  EXPECT_EQ(ApplySetCommand("pa 5", &s), "SP2-0158: unknown SET option \"pa\"");
  EXPECT_EQ(s.pagesize, 14);
  // Options before the bad one stay applied.
  EXPECT_EQ(ApplySetCommand("pagesize 20 linesize x", &s),
            "SP2-0268: linesize option not a valid number");
  EXPECT_EQ(s.pagesize, 20);
}

TEST(DisplaySettingsTest, ScriptAndSpoolOptions) {
  DisplaySettings s;
  EXPECT_EQ(*ShowSetting("verify", s), "verify ON");
  EXPECT_EQ(*ShowSetting("define", s), "define \"&\" (hex 26)");
  EXPECT_EQ(*ShowSetting("trimspool", s), "trimspool OFF");
  EXPECT_EQ(*ShowSetting("trimout", s), "trimout ON");
  EXPECT_EQ(ApplySetCommand("ver off def off timi on trims on trim off term off", &s), "");
  EXPECT_FALSE(s.verify);
  EXPECT_FALSE(s.define);
  EXPECT_TRUE(s.timing);
  EXPECT_TRUE(s.trimspool);
  EXPECT_FALSE(s.trimout);
  EXPECT_FALSE(s.termout);
  EXPECT_EQ(*ShowSetting("define", s), "define OFF");
  EXPECT_EQ(ApplySetCommand("define ^", &s), "");
  EXPECT_TRUE(s.define);
  EXPECT_EQ(s.define_char, '^');
  EXPECT_EQ(*ShowSetting("def", s), "define \"^\" (hex 5e)");
  EXPECT_EQ(ApplySetCommand("sqlbl on", &s), "");
  EXPECT_TRUE(s.sqlblanklines);
  EXPECT_EQ(*ShowSetting("sqlblanklines", s), "sqlblanklines ON");
  EXPECT_EQ(*ShowSetting("sqlprompt", s), "sqlprompt \"SQL> \"");
  EXPECT_EQ(ApplySetCommand("sqlprompt '_user@_connect_identifier> '", &s), "");
  EXPECT_EQ(s.sqlprompt, "_user@_connect_identifier> ");
}

TEST(DisplaySettingsTest, LayoutOptions) {
  DisplaySettings s;
  EXPECT_EQ(ApplySetCommand("colsep '|' numwidth 5", &s), "");
  EXPECT_EQ(s.colsep, "|");
  EXPECT_EQ(s.numwidth, 5);
  EXPECT_EQ(*ShowSetting("colsep", s), "colsep \"|\"");
}

TEST(DisplaySettingsTest, PageOptions) {
  DisplaySettings s;
  EXPECT_EQ(*ShowSetting("newpage", s), "newpage 1");
  EXPECT_EQ(*ShowSetting("underline", s), "underline \"-\" (hex 2d)");
  EXPECT_EQ(*ShowSetting("wrap", s), "wrap : lines will be wrapped");
  EXPECT_EQ(ApplySetCommand("newp none und = wra off", &s), "");
  EXPECT_EQ(s.newpage, kNewpageNone);
  EXPECT_EQ(s.underline, '=');
  EXPECT_FALSE(s.wrap);
  EXPECT_EQ(*ShowSetting("newpage", s), "newpage NONE");
  EXPECT_EQ(*ShowSetting("wrap", s), "wrap : lines will be truncated");
  EXPECT_EQ(ApplySetCommand("underline off newpage 0", &s), "");
  EXPECT_EQ(*ShowSetting("underline", s), "underline OFF");
  EXPECT_EQ(s.newpage, 0);
  EXPECT_EQ(ApplySetCommand("underline x", &s),
            "SP2-0271: underline character cannot be alphanumeric or whitespace");
}

TEST(DisplaySettingsTest, AcceptedOptionsWithoutEffect) {
  DisplaySettings s;
  EXPECT_EQ(ApplySetCommand("serveroutput on size unlimited format wrapped linesize 100", &s), "");
  EXPECT_TRUE(s.serveroutput);
  EXPECT_EQ(s.linesize, 100);
  EXPECT_EQ(ApplySetCommand("serverout off", &s), "");
  EXPECT_EQ(*ShowSetting("serveroutput", s), "serveroutput OFF");
  EXPECT_EQ(ApplySetCommand("serveroutput on size 10", &s),
            "SP2-0267: size option 10 out of range (2000 through 1000000)");
  EXPECT_EQ(ApplySetCommand("long 100000 arraysize 100 tab off longc 5000", &s), "");
  EXPECT_EQ(*ShowSetting("longchunksize", s), "longchunksize 5000");
  EXPECT_EQ(*ShowSetting("long", s), "long 100000");
  EXPECT_EQ(*ShowSetting("arraysize", s), "arraysize 100");
}

}  // namespace
}  // namespace warden::client
