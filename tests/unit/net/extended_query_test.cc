// The extended query protocol state machine fed exact message payloads, its answers compared
// byte for byte: Parse/Bind/Describe/Execute with a row limit (PortalSuspended), named and
// unnamed statements and portals, Close, skipping to Sync after an error, portals closed by
// Sync, binary formats refused, malformed messages fatal.
#include "net/extended_query.h"

#include <gtest/gtest.h>
#include <sys/socket.h>

#include "common/ora_error.h"
#include "net/pg_backend_messages.h"

namespace warden::net {
namespace {

using namespace std::string_literals;

class NoTables : public sql::Catalog {
 public:
  std::unique_ptr<sql::Relation> Open(const std::string&, const std::string&) override {
    return nullptr;
  }
};

// Frontend payloads.
std::string ParseMsg(const std::string& name, const std::string& sql) {
  return name + '\0' + sql + '\0' + "\0\0"s;
}
// Text parameters (nullopt = NULL), text results.
std::string BindMsg(const std::string& portal, const std::string& stmt,
                    const std::vector<std::optional<std::string>>& params,
                    const std::string& formats = "\0\0"s, const std::string& results = "\0\0"s) {
  std::string m = portal + '\0' + stmt + '\0' + formats;
  m += static_cast<char>(params.size() >> 8);
  m += static_cast<char>(params.size() & 0xff);
  for (const auto& p : params) {
    if (!p) {
      m += "\xff\xff\xff\xff"s;
      continue;
    }
    const uint32_t n = static_cast<uint32_t>(p->size());
    m += static_cast<char>(n >> 24);
    m += static_cast<char>((n >> 16) & 0xff);
    m += static_cast<char>((n >> 8) & 0xff);
    m += static_cast<char>(n & 0xff);
    m += *p;
  }
  return m + results;
}
std::string ExecuteMsg(const std::string& portal, int max_rows) {
  std::string m = portal + '\0';
  for (int shift = 24; shift >= 0; shift -= 8) m += static_cast<char>((max_rows >> shift) & 0xff);
  return m;
}

// Backend answers built with the encoders (themselves tested byte for byte).
template <typename M>
std::string Bytes(const M& m) {
  std::string out;
  m.EncodeTo(&out);
  return out;
}
std::string Row(std::vector<std::optional<std::string>> values) {
  return Bytes(PgDataRow{std::move(values)});
}
std::string Complete(const std::string& tag) { return Bytes(PgCommandComplete{tag}); }

class ExtendedQueryTest : public ::testing::Test {
 protected:
  ExtendedQueryTest() {
    int fds[2];
    EXPECT_EQ(socketpair(AF_UNIX, SOCK_STREAM, 0, fds), 0);
    socket_ = std::make_unique<ClientSocket>(fds[0]);
    peer_ = std::make_unique<ClientSocket>(fds[1]);
    sink_ = std::make_unique<WireSink>(&out_, socket_.get());
    session_.username = "SYS";
  }

  // Handles one message and returns what it appended to the output.
  std::string Send(char type, const std::string& payload) {
    out_.clear();
    extended_.Handle(PgFrame{type, payload}, &out_, *sink_);
    return out_;
  }
  // The message type of an error answer and its "ORA-nnnnn" prefix.
  static std::string ErrorCode(const std::string& answer) {
    if (answer.empty() || answer[0] != 'E') return "not an error: " + answer;
    const size_t m = answer.find("MORA-");
    return m == std::string::npos ? "no ORA" : answer.substr(m + 1, 9);
  }

  NoTables catalog_;
  sql::SessionContext session_;
  ExtendedQuery extended_{catalog_, session_};
  std::unique_ptr<ClientSocket> socket_;
  std::unique_ptr<ClientSocket> peer_;
  std::string out_;
  std::unique_ptr<WireSink> sink_;
};

TEST_F(ExtendedQueryTest, ParseBindDescribeExecute) {
  EXPECT_EQ(Send('P', ParseMsg("s1", "select $1 || 'x' as v from dual")), "1\0\0\0\x04"s);
  // Statement: one text parameter, one VARCHAR2 column.
  PgRowDescription rd;
  rd.fields.push_back(PgFieldDescription{"V", kPgVarcharOid, -1, -1, kPgTextFormat});
  EXPECT_EQ(Send('D', "Ss1\0"s), Bytes(PgParameterDescription{{kPgTextOid}}) + Bytes(rd));
  EXPECT_EQ(Send('B', BindMsg("p1", "s1", {"a"})), "2\0\0\0\x04"s);
  EXPECT_EQ(Send('D', "Pp1\0"s), Bytes(rd));
  EXPECT_EQ(Send('E', ExecuteMsg("p1", 0)), Row({"ax"}) + Complete("SELECT 1"));
}

TEST_F(ExtendedQueryTest, RowLimitSuspendsThePortal) {
  Send('P', ParseMsg("", "show all"));
  Send('B', BindMsg("", "", {}));
  const size_t settings = session_.settings.All().size();
  ASSERT_GT(settings, 3u);
  std::string first = Send('E', ExecuteMsg("", 2));
  EXPECT_EQ(first.substr(first.size() - 5), "s\0\0\0\x04"s);  // PortalSuspended
  EXPECT_EQ(first.substr(0, 1), "D");
  size_t rows = 2;
  // Bounded by the number of settings.
  for (size_t i = 0; i < settings; ++i) {
    std::string more = Send('E', ExecuteMsg("", 2));
    if (more.substr(more.size() - 5) == "s\0\0\0\x04"s) {
      rows += 2;
      continue;
    }
    EXPECT_EQ(more.substr(more.size() - Complete("SHOW").size()), Complete("SHOW"));
    rows += (more.size() > Complete("SHOW").size()) ? 1 : 0;
    break;
  }
  EXPECT_EQ(rows, settings);
}

TEST_F(ExtendedQueryTest, AnErrorSkipsEverythingUntilSync) {
  EXPECT_EQ(Send('P', ParseMsg("", "select 1/0 from dual")), "1\0\0\0\x04"s);
  EXPECT_EQ(Send('B', BindMsg("", "", {})), "2\0\0\0\x04"s);
  EXPECT_EQ(ErrorCode(Send('E', ExecuteMsg("", 0))), "ORA-01476");
  EXPECT_TRUE(extended_.skipping());
  EXPECT_EQ(Send('P', ParseMsg("s2", "select 2 from dual")), "");  // discarded
  EXPECT_EQ(Send('E', ExecuteMsg("", 0)), "");
  extended_.Sync();
  EXPECT_FALSE(extended_.skipping());
  // s2 was never parsed.
  EXPECT_EQ(ErrorCode(Send('B', BindMsg("", "s2", {}))), "ORA-01001");
}

TEST_F(ExtendedQueryTest, SyncClosesPortalsOutsideATransactionBlock) {
  Send('P', ParseMsg("s", "select 1 from dual"));
  EXPECT_EQ(Send('B', BindMsg("kept", "s", {})), "2\0\0\0\x04"s);
  session_.transaction_status = 'T';  // in a block: portals live on
  extended_.Sync();
  EXPECT_EQ(Send('E', ExecuteMsg("kept", 0)), Row({"1"}) + Complete("SELECT 1"));
  EXPECT_EQ(Send('B', BindMsg("gone", "s", {})), "2\0\0\0\x04"s);
  session_.transaction_status = 'I';
  extended_.Sync();
  EXPECT_EQ(ErrorCode(Send('E', ExecuteMsg("gone", 0))), "ORA-01001");
  extended_.Sync();
  // The statement outlives the portals.
  EXPECT_EQ(Send('B', BindMsg("again", "s", {})), "2\0\0\0\x04"s);
}

TEST_F(ExtendedQueryTest, NamesCloseAndReuse) {
  Send('P', ParseMsg("s", "select 1 from dual"));
  EXPECT_EQ(ErrorCode(Send('P', ParseMsg("s", "select 2 from dual"))), "ORA-00955");
  extended_.Sync();
  EXPECT_EQ(Send('C', "Ss\0"s), "3\0\0\0\x04"s);
  EXPECT_EQ(Send('C', "Snever\0"s), "3\0\0\0\x04"s);  // closing nothing is fine
  EXPECT_EQ(Send('P', ParseMsg("s", "select 2 from dual")), "1\0\0\0\x04"s);
  // The unnamed statement is simply replaced.
  Send('P', ParseMsg("", "select 3 from dual"));
  Send('P', ParseMsg("", "select 4 from dual"));
  Send('B', BindMsg("", "", {}));
  EXPECT_EQ(Send('E', ExecuteMsg("", 0)), Row({"4"}) + Complete("SELECT 1"));
  extended_.DropUnnamed();
  EXPECT_EQ(ErrorCode(Send('B', BindMsg("", "", {}))), "ORA-01001");
}

TEST_F(ExtendedQueryTest, CommandsEmptyStatementsAndNoData) {
  // SET takes no bind variables (as PostgreSQL).
  EXPECT_EQ(ErrorCode(Send('P', ParseMsg("set", "set application_name = :name"))), "ORA-00936");
  extended_.Sync();
  Send('P', ParseMsg("", "set application_name = 'app'"));
  EXPECT_EQ(Send('D', "S\0"s), Bytes(PgParameterDescription{}) + "n\0\0\0\x04"s);
  Send('B', BindMsg("", "", {}));
  EXPECT_EQ(Send('E', ExecuteMsg("", 0)), Complete("SET"));
  EXPECT_EQ(session_.settings.Show("application_name").value, "app");
  // Run once: a second Execute of the same portal is out of sequence.
  EXPECT_EQ(ErrorCode(Send('E', ExecuteMsg("", 0))), "ORA-01002");
  extended_.Sync();
  Send('P', ParseMsg("", "  "));
  Send('B', BindMsg("", "", {}));
  EXPECT_EQ(Send('E', ExecuteMsg("", 0)), "I\0\0\0\x04"s);  // EmptyQueryResponse
}

TEST_F(ExtendedQueryTest, BinaryFormatsAreRefused) {
  Send('P', ParseMsg("", "select $1 from dual"));
  EXPECT_EQ(ErrorCode(Send('B', BindMsg("", "", {"1"}, "\0\x01\0\x01"s))), "ORA-03115");
  extended_.Sync();
  EXPECT_EQ(ErrorCode(Send('B', BindMsg("", "", {"1"}, "\0\0"s, "\0\x01\0\x01"s))), "ORA-03115");
  extended_.Sync();
  EXPECT_EQ(Send('B', BindMsg("", "", {std::nullopt})), "2\0\0\0\x04"s);
  EXPECT_EQ(Send('E', ExecuteMsg("", 0)), Row({std::nullopt}) + Complete("SELECT 1"));
}

TEST_F(ExtendedQueryTest, ClientParameterTypesAreDescribedBack) {
  // Parse with types: int4 for $1, unspecified for $2.
  std::string parse = "\0select $1 || $2 from dual\0\0\x02\0\0\0\x17\0\0\0\0"s;
  EXPECT_EQ(Send('P', parse), "1\0\0\0\x04"s);
  const std::string answer = Send('D', "S\0"s);
  EXPECT_EQ(answer.substr(0, Bytes(PgParameterDescription{{23, kPgTextOid}}).size()),
            Bytes(PgParameterDescription{{23, kPgTextOid}}));
}

TEST_F(ExtendedQueryTest, MalformedMessagesAreFatal) {
  try {
    Send('B', "no terminator");
    ADD_FAILURE() << "accepted";
  } catch (const OraError& e) {
    EXPECT_EQ(e.code(), 3137);
    EXPECT_EQ(e.severity(), Severity::kFatal);
  }
}

}  // namespace
}  // namespace warden::net
