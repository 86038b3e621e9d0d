// SessionSettings and the SET / RESET / SHOW grammar: canonical values, validation errors,
// read-only settings, ParameterStatus reports, and what the grammar leaves to the parser.
#include "sql/session_settings.h"

#include <gtest/gtest.h>

#include "common/ora_error.h"
#include "sql/lexer.h"
#include "sql/setting_statement.h"

namespace warden::sql {
namespace {

int CodeOfSet(SessionSettings& s, std::string_view name, const std::string& value) {
  try {
    s.Set(name, value);
  } catch (const OraError& e) {
    return e.code();
  }
  return 0;
}

TEST(SessionSettingsTest, CanonicalValues) {
  SessionSettings s;
  s.Set("datestyle", std::string("iso, dmy"));
  EXPECT_EQ(s.Show("DATESTYLE").value, "ISO, DMY");
  EXPECT_EQ(s.Show("DATESTYLE").name, "DateStyle");
  s.Set("DateStyle", std::string("US"));
  EXPECT_EQ(s.Show("DateStyle").value, "ISO, MDY");
  s.Set("DateStyle", std::string("ISO"));  // the order stays
  EXPECT_EQ(s.Show("DateStyle").value, "ISO, MDY");
  s.Set("client_encoding", std::string("unicode"));
  EXPECT_EQ(s.Show("client_encoding").value, "UTF8");
  s.Set("statement_timeout", std::string("120000"));
  EXPECT_EQ(s.Show("statement_timeout").value, "2min");
  s.Set("statement_timeout", std::string("1500 ms"));
  EXPECT_EQ(s.Show("statement_timeout").value, "1500ms");
  s.Set("application_name", std::string(100, 'a'));
  EXPECT_EQ(s.Show("application_name").value.size(), 63u);
  s.Set("application_name", std::nullopt);
  EXPECT_EQ(s.Show("application_name").value, "");
}

TEST(SessionSettingsTest, Errors) {
  SessionSettings s;
  EXPECT_EQ(CodeOfSet(s, "no_such", "1"), 2248);
  EXPECT_EQ(CodeOfSet(s, "server_version", "16"), 2095);
  EXPECT_EQ(CodeOfSet(s, "client_encoding", "LATIN1"), 96);
  EXPECT_EQ(CodeOfSet(s, "DateStyle", "German"), 96);
  EXPECT_EQ(CodeOfSet(s, "extra_float_digits", "x"), 96);
  EXPECT_EQ(CodeOfSet(s, "TimeZone", "a b"), 96);
  EXPECT_EQ(CodeOfSet(s, "statement_timeout", "3 fortnights"), 96);
  EXPECT_EQ(CodeOfSet(s, "standard_conforming_strings", "off"), 96);
  EXPECT_THROW(s.Show("no_such"), OraError);
}

TEST(SessionSettingsTest, ReportsEachChangedReportedSettingOnce) {
  SessionSettings s;
  s.SetSessionUser("SCOTT", false);
  s.TakeChangedReports();
  s.Set("application_name", std::string("a"));
  s.Set("application_name", std::string("b"));
  s.Set("extra_float_digits", std::string("2"));  // not reported
  s.Set("TimeZone", std::string("UTC"));          // unchanged
  EXPECT_EQ(s.TakeChangedReports(),
            (std::vector<SessionSettings::Report>{{"application_name", "b"}}));
  EXPECT_TRUE(s.TakeChangedReports().empty());
  bool saw_user = false;
  for (const auto& [name, value] : s.Reported()) {
    if (name == "session_authorization") saw_user = value == "SCOTT";
  }
  EXPECT_TRUE(saw_user);
}

std::unique_ptr<Statement> ParseSetting(std::string_view sql) {
  return ParseSettingStatement(Tokenize(sql));
}

TEST(SettingStatementTest, Forms) {
  auto s = ParseSetting("SET application_name TO 'x'");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->setting.action, SettingStatement::Action::kSet);
  EXPECT_EQ(s->setting.name, "application_name");
  EXPECT_EQ(s->setting.value, std::optional<std::string>("x"));
  s = ParseSetting("set search_path = \"$user\", Public");
  EXPECT_EQ(s->setting.value, std::optional<std::string>("\"$user\", public"));
  s = ParseSetting("set extra_float_digits = -3");
  EXPECT_EQ(s->setting.value, std::optional<std::string>("-3"));
  s = ParseSetting("set session TimeZone = default");
  EXPECT_EQ(s->setting.value, std::nullopt);
  s = ParseSetting("set time zone local");
  EXPECT_EQ(s->setting.name, "TimeZone");
  EXPECT_EQ(s->setting.value, std::nullopt);
  s = ParseSetting("show all");
  EXPECT_TRUE(s->setting.all);
  s = ParseSetting("reset all");
  EXPECT_EQ(s->setting.action, SettingStatement::Action::kReset);
}

TEST(SettingStatementTest, LeavesOtherStatementsToTheParser) {
  EXPECT_EQ(ParseSetting("select 1 from dual"), nullptr);
  EXPECT_EQ(ParseSetting("set transaction read only"), nullptr);
  EXPECT_EQ(ParseSetting("set role all"), nullptr);
  EXPECT_EQ(ParseSetting("set constraints all deferred"), nullptr);
}

TEST(SettingStatementTest, Malformed) {
  try {
    ParseSetting("show datestyle extra");
    ADD_FAILURE();
  } catch (const OraError& e) {
    EXPECT_EQ(e.code(), 933);
    EXPECT_EQ(e.position(), 16);
  }
  EXPECT_THROW(ParseSetting("set datestyle to"), OraError);
  EXPECT_THROW(ParseSetting("set local datestyle to iso"), OraError);
  EXPECT_THROW(ParseSetting("show"), OraError);
}

}  // namespace
}  // namespace warden::sql
