// DESCRIBE's layout and type names (see describe_format.h).
#include "client/describe_format.h"

#include "client/utf8_text.h"

namespace warden::client {
namespace {

constexpr std::size_t kNameWidth = 41;
constexpr std::size_t kNullWidth = 8;
constexpr std::size_t kTypeWidth = 28;

std::string Line(std::string_view name, std::string_view null, std::string_view type) {
  std::string line =
      " " + PadRight(name, kNameWidth) + " " + PadRight(null, kNullWidth) + " " + std::string(type);
  return std::string(TrimTrailingSpaces(line)) + "\n";
}

}  // namespace

std::string FormatDescribe(const std::vector<DescribedColumn>& columns) {
  std::string out = Line("Name", "Null?", "Type");
  out += Line(std::string(kNameWidth, '-'), std::string(kNullWidth, '-'),
              std::string(kTypeWidth, '-'));
  for (const DescribedColumn& c : columns) {
    out += Line(c.name, c.not_null ? "NOT NULL" : "", c.type);
  }
  out += "\n";
  return out;
}

std::string CatalogTypeText(const std::string& data_type, const std::optional<std::string>& length,
                            const std::optional<std::string>& precision,
                            const std::optional<std::string>& scale) {
  std::string type = ToUpperAscii(data_type);
  if (type == "NUMBER") {
    if (!precision) return scale && *scale == "0" ? "NUMBER(38)" : "NUMBER";
    if (!scale || *scale == "0") return "NUMBER(" + *precision + ")";
    return "NUMBER(" + *precision + "," + *scale + ")";
  }
  if ((type == "VARCHAR2" || type == "VARCHAR" || type == "CHAR" || type == "NCHAR" ||
       type == "NVARCHAR2" || type == "RAW") &&
      length) {
    return type + "(" + *length + ")";
  }
  return type;
}

std::string WireTypeText(unsigned oid, int modifier) {
  switch (oid) {
    case 1700:  // numeric
      if (modifier >= 4) {
        int p = ((modifier - 4) >> 16) & 0xFFFF;
        int s = (modifier - 4) & 0xFFFF;
        return s == 0 ? "NUMBER(" + std::to_string(p) + ")"
                      : "NUMBER(" + std::to_string(p) + "," + std::to_string(s) + ")";
      }
      return "NUMBER";
    case 20:
    case 21:
    case 23:
      return "NUMBER(38)";
    case 700:
      return "BINARY_FLOAT";
    case 701:
      return "BINARY_DOUBLE";
    case 1042:  // bpchar
      return modifier > 4 ? "CHAR(" + std::to_string(modifier - 4) + ")" : "CHAR";
    case 1114:  // timestamp: Oracle DATE
      return "DATE";
    case 1184:
      return "TIMESTAMP(6) WITH TIME ZONE";
    case 17:
      return "RAW";
    case 16:
      return "BOOLEAN";
    default:  // varchar, text and anything else shown as text
      return modifier > 4 ? "VARCHAR2(" + std::to_string(modifier - 4) + ")" : "VARCHAR2";
  }
}

}  // namespace warden::client
