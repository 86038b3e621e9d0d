// SQL*Plus substitution variables: the DEFINE table and the replacement of &name, &&name and
// &n in input text. Pure: asking the user for an undefined variable's value goes through a
// callback the caller supplies.
//
// Rules (SQL*Plus with SET DEFINE '&', SET CONCAT '.'):
//   - a name is a run of letters, digits, '_', '$', '#' after the prefix; a name starting with
//     a digit is the run of digits only (&1, &12); names are case-insensitive;
//   - one '.' right after the name ends it and is dropped ("&1..sql" -> "x.sql");
//   - &name of an undefined variable asks for a value and uses it once; &&name asks and also
//     defines the variable, so later references do not ask again;
//   - a prefix not followed by a name character is kept as typed ("a & b");
//   - substitution happens everywhere in the text, inside quotes too.
// @file arguments are variables named 1, 2, ... (the caller defines them).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace warden::client {

class SubstitutionVariables {
 public:
  // Asks the user for the value of name (as written in the text); nullopt at end of input,
  // which SQL*Plus treats as an empty value.
  using AskValue = std::function<std::optional<std::string>(const std::string& name)>;

  void Define(std::string_view name, std::string value);
  // False if name was not defined (SQL*Plus says nothing either way).
  bool Undefine(std::string_view name);
  const std::string* Find(std::string_view name) const;

  // SQL*Plus's listing line: DEFINE X               = "abc" (CHAR)
  static std::string ListingLine(std::string_view name, std::string_view value);
  // "DEFINE" alone: every variable in definition order, one listing line each.
  std::string ListAll() const;

  // text with every reference replaced (see the rules above); prefix is SET DEFINE's char.
  std::string Substitute(std::string_view text, char prefix, const AskValue& ask);

 private:
  std::vector<std::pair<std::string, std::string>> variables_;  // upper-cased name, value
};

// "DEFINE" command arguments: "" (list all), "name" (list one) or "name = value" (value may
// be quoted; its first word counts).
struct DefineArgs {
  std::string name;                  // empty: list all
  std::optional<std::string> value;  // nullopt: list name
  std::string error;                 // SQL*Plus's SP2 message if args are malformed
};
DefineArgs ParseDefineArgs(std::string_view args);

// SET VERIFY's report for a statement: for each line that substitution changed,
// "old   N: <before>" and "new   N: <after>" (N = the line's number in the statement).
std::string VerifyReport(std::string_view before, std::string_view after);

}  // namespace warden::client
