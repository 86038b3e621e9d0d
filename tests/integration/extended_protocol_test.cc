// The extended query protocol through libpq (PQprepare, PQexecPrepared, PQexecParams,
// PQdescribePrepared, pipelines), bind variables ($1, :1, :name), errors that leave the session
// usable, a kill and a cancel during an extended-protocol Execute, session settings sent by
// SET, and the real psql and pgbench (simple and prepared) against the instance.
#include <gtest/gtest.h>

#include <fstream>

#include "instance.h"

namespace warden::testing {
namespace {

class ExtendedProtocolTest : public SharedInstanceTest<ExtendedProtocolTest> {
 protected:
  void SetUp() override {
    ASSERT_TRUE(instance_->started());
    conn_ = instance_->Connect();
    ASSERT_EQ(PQstatus(conn_.get()), CONNECTION_OK) << PQerrorMessage(conn_.get());
  }

  // PQexecParams with text parameters (nullptr = NULL); returns the result (caller clears).
  PGresult* ExecParams(const std::string& sql, const std::vector<const char*>& params,
                       int result_format = 0) {
    return PQexecParams(conn_.get(), sql.c_str(), static_cast<int>(params.size()), nullptr,
                        params.data(), nullptr, nullptr, result_format);
  }
  // The single value of a one-row, one-column result, or "ERROR: message".
  std::string Scalar(PGresult* res) {
    std::string out;
    if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1 && PQnfields(res) == 1) {
      out = PQgetisnull(res, 0, 0) ? "NULL" : PQgetvalue(res, 0, 0);
    } else {
      const char* m = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
      out = "ERROR: " + std::string(m != nullptr ? m : PQerrorMessage(conn_.get()));
    }
    PQclear(res);
    return out;
  }
  std::string ScalarParams(const std::string& sql, const std::vector<const char*>& params) {
    return Scalar(ExecParams(sql, params));
  }
  static std::string IdOf(PGconn* c) {
    Rows r = Query(c, "select sid, serial# from v$session where sid = userenv('SID')");
    return r.size() == 1 ? *r[0][0] + "," + *r[0][1] : "";
  }
  void WaitForEvent(PGconn* watcher, const std::string& sid, const std::string& event) {
    ASSERT_TRUE(WaitUntil([&] {
      return Query(watcher, "select sid from v$session where sid = " + sid + " and event = '" +
                                event + "' and state = 'WAITING'")
                 .size() == 1;
    }));
  }
  CommandResult RunClient(std::vector<std::string> argv) {
    std::vector<std::string> full = {
        argv[0], "-h", "127.0.0.1", "-p", std::to_string(instance_->port()), "-U", "sys"};
    full.insert(full.end(), argv.begin() + 1, argv.end());
    return RunCommand(full, "", {"PGPASSWORD=" + std::string(Instance::kPassword)});
  }

  Conn conn_;
};

TEST_F(ExtendedProtocolTest, DollarBindsArePositionsAndTextConvertsImplicitly) {
  EXPECT_EQ(ScalarParams("select $2 || '-' || $1 from dual", {"a", "b"}), "b-a");
  EXPECT_EQ(ScalarParams("select $1 + 1 from dual", {"41"}), "42");
  EXPECT_EQ(ScalarParams("select nvl($1, 'was null') from dual", {nullptr}), "was null");
  // The empty string is NULL, as in Oracle.
  EXPECT_EQ(ScalarParams("select nvl($1, 'empty') from dual", {""}), "empty");
}

TEST_F(ExtendedProtocolTest, ColonBindsAreNamesInOrderOfFirstUse) {
  EXPECT_EQ(ScalarParams("select :b || :a || :b from dual", {"x", "y"}), "xyx");
  EXPECT_EQ(ScalarParams("select :1 || :2 from dual", {"p", "q"}), "pq");
  EXPECT_EQ(ScalarParams("select dummy from dual where :id > 0", {"7"}), "X");
  EXPECT_EQ(ScalarParams("select dummy from dual where :id > 0", {"x"}),
            "ERROR: ORA-01722: invalid number");
}

TEST_F(ExtendedProtocolTest, MissingOrExtraBindsAreErrorsAndTheSessionGoesOn) {
  EXPECT_EQ(ScalarParams("select :a || :b from dual", {"1"}),
            "ERROR: ORA-01008: not all variables bound");
  EXPECT_EQ(ScalarParams("select 1 from dual", {"1"}),
            "ERROR: ORA-01006: bind variable does not exist");
  // The simple protocol has no values to bind.
  EXPECT_EQ(QueryError(conn_.get(), "select :x from dual"), "ORA-01008: not all variables bound");
  EXPECT_EQ(ScalarParams("select 'still here' from dual", {}), "still here");
}

TEST_F(ExtendedProtocolTest, BinaryFormatIsRejectedAndTheSessionGoesOn) {
  EXPECT_EQ(Scalar(ExecParams("select 1 from dual", {}, /*result_format=*/1)),
            "ERROR: ORA-03115: unsupported network datatype or representation");
  const char* value = "1";
  const int length = 1;
  const int binary = 1;
  PGresult* res =
      PQexecParams(conn_.get(), "select $1 from dual", 1, nullptr, &value, &length, &binary, 0);
  EXPECT_EQ(Scalar(res), "ERROR: ORA-03115: unsupported network datatype or representation");
  EXPECT_EQ(ScalarParams("select 'ok' from dual", {}), "ok");
  EXPECT_EQ(PQtransactionStatus(conn_.get()), PQTRANS_IDLE);
}

TEST_F(ExtendedProtocolTest, OnePreparedStatementExecutedManyTimes) {
  PGresult* prep = PQprepare(conn_.get(), "by_id",
                             "select :id as id, dummy from dual where :id > 0", 0, nullptr);
  ASSERT_EQ(PQresultStatus(prep), PGRES_COMMAND_OK) << PQerrorMessage(conn_.get());
  PQclear(prep);
  for (int i = 1; i <= 300; ++i) {
    const std::string v = std::to_string(i);
    const char* params[] = {v.c_str()};
    PGresult* res = PQexecPrepared(conn_.get(), "by_id", 1, params, nullptr, nullptr, 0);
    ASSERT_EQ(PQresultStatus(res), PGRES_TUPLES_OK) << PQerrorMessage(conn_.get());
    ASSERT_EQ(PQntuples(res), 1);
    EXPECT_EQ(std::string(PQgetvalue(res, 0, 0)), v);
    EXPECT_EQ(std::string(PQgetvalue(res, 0, 1)), "X");
    EXPECT_EQ(std::string(PQcmdTuples(res)), "1");
    PQclear(res);
  }
  // A name in use must be closed first.
  prep = PQprepare(conn_.get(), "by_id", "select 1 from dual", 0, nullptr);
  EXPECT_NE(std::string(PQresultErrorMessage(prep)).find("ORA-00955"), std::string::npos);
  PQclear(prep);
  PGresult* unknown =
      PQexecPrepared(conn_.get(), "never_prepared", 0, nullptr, nullptr, nullptr, 0);
  EXPECT_EQ(Scalar(unknown), "ERROR: ORA-01001: invalid cursor");
}

TEST_F(ExtendedProtocolTest, DescribeGivesParametersAndColumnsBeforeExecution) {
  PGresult* prep =
      PQprepare(conn_.get(), "sess", "select sid, status, logon_time from v$session where sid = $1",
                0, nullptr);
  ASSERT_EQ(PQresultStatus(prep), PGRES_COMMAND_OK);
  PQclear(prep);
  PGresult* d = PQdescribePrepared(conn_.get(), "sess");
  ASSERT_EQ(PQresultStatus(d), PGRES_COMMAND_OK) << PQerrorMessage(conn_.get());
  EXPECT_EQ(PQnparams(d), 1);
  EXPECT_EQ(PQparamtype(d, 0), 25u);  // text
  ASSERT_EQ(PQnfields(d), 3);
  EXPECT_EQ(std::string(PQfname(d, 0)), "SID");
  EXPECT_EQ(PQftype(d, 0), 1700u);  // NUMBER -> numeric
  EXPECT_EQ(PQftype(d, 1), 1043u);  // VARCHAR2 -> varchar
  EXPECT_EQ(PQftype(d, 2), 1114u);  // DATE -> timestamp
  PQclear(d);

  prep = PQprepare(conn_.get(), "nap", "call dbms_lock.sleep(:seconds)", 0, nullptr);
  ASSERT_EQ(PQresultStatus(prep), PGRES_COMMAND_OK);
  PQclear(prep);
  d = PQdescribePrepared(conn_.get(), "nap");
  EXPECT_EQ(PQnparams(d), 1);
  EXPECT_EQ(PQnfields(d), 0);  // NoData
  PQclear(d);

  prep = PQprepare(conn_.get(), "missing", "select * from no_such_table", 0, nullptr);
  ASSERT_EQ(PQresultStatus(prep), PGRES_COMMAND_OK);  // Parse only parses
  PQclear(prep);
  d = PQdescribePrepared(conn_.get(), "missing");
  EXPECT_NE(std::string(PQresultErrorMessage(d)).find("ORA-00942"), std::string::npos);
  PQclear(d);
}

TEST_F(ExtendedProtocolTest, SyntaxErrorAtParseKeepsItsPosition) {
  PGresult* prep = PQprepare(conn_.get(), "", "select 1 frm dual", 0, nullptr);
  ASSERT_EQ(PQresultStatus(prep), PGRES_FATAL_ERROR);
  EXPECT_EQ(std::string(PQresultErrorField(prep, PG_DIAG_MESSAGE_PRIMARY)),
            "ORA-00923: FROM keyword not found where expected");
  EXPECT_EQ(std::string(PQresultErrorField(prep, PG_DIAG_STATEMENT_POSITION)), "14");
  PQclear(prep);
}

TEST_F(ExtendedProtocolTest, AnErrorInAPipelineSkipsToSync) {
  PGconn* c = conn_.get();
  ASSERT_EQ(PQenterPipelineMode(c), 1);
  const char* one[] = {"1"};
  ASSERT_EQ(PQsendQueryParams(c, "select $1 from dual", 1, nullptr, one, nullptr, nullptr, 0), 1);
  ASSERT_EQ(PQsendQueryParams(c, "select 1/0 from dual", 0, nullptr, nullptr, nullptr, nullptr, 0),
            1);
  ASSERT_EQ(PQsendQueryParams(c, "select 3 from dual", 0, nullptr, nullptr, nullptr, nullptr, 0),
            1);
  ASSERT_EQ(PQpipelineSync(c), 1);
  ASSERT_EQ(PQsendQueryParams(c, "select 4 from dual", 0, nullptr, nullptr, nullptr, nullptr, 0),
            1);
  ASSERT_EQ(PQpipelineSync(c), 1);

  std::vector<ExecStatusType> statuses;
  std::vector<std::string> values;
  // Each query's results end with a nullptr; a sync point has none. Bounded: 4 queries, 2 syncs.
  for (int items = 0; items < 6; ++items) {
    PGresult* res = PQgetResult(c);
    ASSERT_NE(res, nullptr);
    statuses.push_back(PQresultStatus(res));
    if (PQresultStatus(res) == PGRES_TUPLES_OK) values.push_back(PQgetvalue(res, 0, 0));
    if (PQresultStatus(res) == PGRES_FATAL_ERROR) {
      values.push_back(PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY));
    }
    const bool sync = PQresultStatus(res) == PGRES_PIPELINE_SYNC;
    PQclear(res);
    if (!sync) {
      EXPECT_EQ(PQgetResult(c), nullptr);
    }
  }
  EXPECT_EQ(statuses, (std::vector<ExecStatusType>{PGRES_TUPLES_OK, PGRES_FATAL_ERROR,
                                                   PGRES_PIPELINE_ABORTED, PGRES_PIPELINE_SYNC,
                                                   PGRES_TUPLES_OK, PGRES_PIPELINE_SYNC}));
  EXPECT_EQ(values, (std::vector<std::string>{"1", "ORA-01476: divisor is equal to zero", "4"}));
  ASSERT_EQ(PQexitPipelineMode(c), 1);
  EXPECT_EQ(Query(c, "select 'after' from dual"), (Rows{{"after"}}));
}

TEST_F(ExtendedProtocolTest, FlushSendsAnswersWithoutSync) {
  PGconn* c = conn_.get();
  ASSERT_EQ(PQenterPipelineMode(c), 1);
  ASSERT_EQ(
      PQsendQueryParams(c, "select 'flushed' from dual", 0, nullptr, nullptr, nullptr, nullptr, 0),
      1);
  ASSERT_EQ(PQsendFlushRequest(c), 1);
  ASSERT_EQ(PQflush(c), 0);
  // No Sync yet: the answer arrives only because of the Flush message.
  EXPECT_TRUE(WaitUntil([&] { return PQconsumeInput(c) == 1 && PQisBusy(c) == 0; }));
  PGresult* res = PQgetResult(c);
  ASSERT_EQ(PQresultStatus(res), PGRES_TUPLES_OK);
  EXPECT_EQ(std::string(PQgetvalue(res, 0, 0)), "flushed");
  PQclear(res);
  EXPECT_EQ(PQgetResult(c), nullptr);
  ASSERT_EQ(PQpipelineSync(c), 1);
  res = PQgetResult(c);
  EXPECT_EQ(PQresultStatus(res), PGRES_PIPELINE_SYNC);
  PQclear(res);
  ASSERT_EQ(PQexitPipelineMode(c), 1);
}

TEST_F(ExtendedProtocolTest, StartupPacketSettingsApplyAtLogon) {
  CommandResult tz =
      RunCommand({"psql", "-h", "127.0.0.1", "-p", std::to_string(instance_->port()), "-U", "sys",
                  "-X", "-A", "-t", "-c", "show timezone", "-c", "show datestyle"},
                 "",
                 {"PGPASSWORD=" + std::string(Instance::kPassword), "PGTZ=Asia/Tokyo",
                  "PGDATESTYLE=ISO, DMY"});
  EXPECT_EQ(tz.exit_code, 0) << tz.output;
  EXPECT_EQ(tz.output, "Asia/Tokyo\nISO, DMY\n");
  CommandResult bad =
      RunCommand({"psql", "-h", "127.0.0.1", "-p", std::to_string(instance_->port()), "-U", "sys",
                  "-X", "-c", "select 1 from dual"},
                 "", {"PGPASSWORD=" + std::string(Instance::kPassword), "PGCLIENTENCODING=LATIN1"});
  EXPECT_NE(bad.exit_code, 0);
  EXPECT_NE(bad.output.find("ORA-00096"), std::string::npos) << bad.output;
}

TEST_F(ExtendedProtocolTest, SetChangesASettingAndReportsIt) {
  PGresult* res = ExecParams("set application_name = 'extended app'", {});
  EXPECT_EQ(PQresultStatus(res), PGRES_COMMAND_OK) << PQerrorMessage(conn_.get());
  EXPECT_EQ(std::string(PQcmdStatus(res)), "SET");
  PQclear(res);
  EXPECT_EQ(std::string(PQparameterStatus(conn_.get(), "application_name")), "extended app");
  EXPECT_EQ(ScalarParams("show application_name", {}), "extended app");
  EXPECT_EQ(Query(conn_.get(), "set DateStyle to ISO, DMY"), Rows{});
  EXPECT_EQ(std::string(PQparameterStatus(conn_.get(), "DateStyle")), "ISO, DMY");
  EXPECT_EQ(ScalarParams("select current_setting('datestyle') from dual", {}), "ISO, DMY");
  EXPECT_EQ(QueryError(conn_.get(), "set no_such_setting = 1"),
            "ORA-02248: invalid option for ALTER SESSION");
}

TEST_F(ExtendedProtocolTest, KillDuringAnExtendedExecute) {
  Conn killer = instance_->Connect();
  const std::string id = IdOf(conn_.get());
  const std::string sid = id.substr(0, id.find(','));
  const char* seconds[] = {"600"};
  ASSERT_EQ(PQsendQueryParams(conn_.get(), "call dbms_lock.sleep($1)", 1, nullptr, seconds, nullptr,
                              nullptr, 0),
            1);
  WaitForEvent(killer.get(), sid, "PL/SQL lock timer");
  EXPECT_EQ(QueryError(killer.get(), "alter system kill session '" + id + "'"), "");
  EXPECT_NE(AwaitError(conn_.get()).find("ORA-00028: your session has been killed"),
            std::string::npos);
  EXPECT_TRUE(Query(killer.get(), "select sid from v$session where sid = " + sid).empty());
}

TEST_F(ExtendedProtocolTest, CancelDuringAPreparedExecuteKeepsTheSession) {
  Conn killer = instance_->Connect();
  const std::string id = IdOf(conn_.get());
  const std::string sid = id.substr(0, id.find(','));
  PGresult* prep = PQprepare(conn_.get(), "nap", "begin dbms_lock.sleep(:s); end;", 0, nullptr);
  ASSERT_EQ(PQresultStatus(prep), PGRES_COMMAND_OK) << PQerrorMessage(conn_.get());
  PQclear(prep);
  const char* seconds[] = {"600"};
  ASSERT_EQ(PQsendQueryPrepared(conn_.get(), "nap", 1, seconds, nullptr, nullptr, 0), 1);
  WaitForEvent(killer.get(), sid, "PL/SQL lock timer");
  EXPECT_EQ(QueryError(killer.get(), "alter system cancel sql '" + id + "'"), "");
  EXPECT_EQ(AwaitError(conn_.get()), "ORA-01013: user requested cancel of current operation");
  // Same session; the prepared statement survived the cancelled call.
  EXPECT_EQ(IdOf(conn_.get()), id);
  const char* none[] = {"0"};
  PGresult* again = PQexecPrepared(conn_.get(), "nap", 1, none, nullptr, nullptr, 0);
  EXPECT_EQ(PQresultStatus(again), PGRES_COMMAND_OK) << PQerrorMessage(conn_.get());
  PQclear(again);
}

TEST_F(ExtendedProtocolTest, PsqlRunsVersionShowAndSet) {
  CommandResult r = RunClient({"psql", "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c",
                               "select version()", "-c", "select pg_catalog.version()", "-c",
                               "set TimeZone = 'Europe/Paris'", "-c", "show timezone"});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("Warden Database 19c"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("PostgreSQL 15.0"), std::string::npos) << r.output;
  // Each -c is its own call in one session: the SET is seen by the SHOW.
  EXPECT_NE(r.output.find("Europe/Paris"), std::string::npos) << r.output;
}

TEST_F(ExtendedProtocolTest, PgbenchCustomScriptSimpleAndPrepared) {
  const std::string script = instance_->dir() + "/bench.sql";
  {
    std::ofstream out(script);
    out << "\\set id random(1, 1000)\n"
        << "SELECT :id AS id, dummy FROM dual WHERE :id > 0;\n"
        << "SELECT sid, status FROM v$session WHERE sid = userenv('SID');\n";
  }
  for (const char* mode : {"simple", "extended", "prepared"}) {
    CommandResult r =
        RunClient({"pgbench", "-n", "-t", "50", "-c", "2", "-M", mode, "-f", script, "warden"});
    EXPECT_EQ(r.exit_code, 0) << mode << "\n" << r.output;
    EXPECT_NE(r.output.find("number of transactions actually processed: 100/100"),
              std::string::npos)
        << mode << "\n"
        << r.output;
    EXPECT_NE(r.output.find("number of failed transactions: 0 "), std::string::npos) << mode << "\n"
                                                                                     << r.output;
  }
}

}  // namespace
}  // namespace warden::testing
