// The one table from a command's CommandComplete tag to SQL*Plus's feedback line:
// "INSERT 0 1" -> "1 row created.", "CREATE TABLE" -> "Table created.", ... Tags it does not
// know are shown as sent.
#pragma once

#include <string>
#include <string_view>

namespace warden::client {

inline constexpr const char* kPlsqlFeedback = "PL/SQL procedure successfully completed.";

std::string FeedbackForTag(std::string_view tag);

}  // namespace warden::client
