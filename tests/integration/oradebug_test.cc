// ORADEBUG for SYSDBA: attaching to a process by OS pid or Oracle pid, its short stack while
// it spins in a loop that never checks interrupts, waking PMON, trace file names and dumps,
// crashing a process on request (PMON cleans up), and ORA-01031 for anyone else.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "instance.h"

namespace warden::testing {
namespace {

class OradebugTest : public SharedInstanceTest<OradebugTest> {
 public:
  static std::vector<std::string> Params() { return {"_fault_injection=true"}; }

 protected:
  void SetUp() override {
    ASSERT_TRUE(instance_->started());
    sys_ = instance_->Connect("sys", Instance::kPassword, "dba");
    ASSERT_EQ(PQstatus(sys_.get()), CONNECTION_OK);
  }
  // The ORADEBUG answer lines, or the error as the only line (the command runs once).
  std::vector<std::string> Oradebug(const std::string& args) {
    Rows rows;
    std::string err = TryQuery(sys_.get(), "oradebug " + args, &rows);
    if (!err.empty()) return {err};
    std::vector<std::string> lines;
    for (const auto& row : rows) lines.push_back(*row[0]);
    return lines;
  }
  Conn sys_;
};

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST_F(OradebugTest, ShortStackOfASpinningSession) {
  Conn a = instance_->Connect("sys", Instance::kPassword, "spinner");
  const std::string spid = std::to_string(PQbackendPID(a.get()));
  ASSERT_EQ(PQsendQuery(a.get(), "begin dbms_fault.spin(20); end;"), 1);
  ASSERT_TRUE(WaitUntil([&] {
    return Query(sys_.get(), "select sid from v$session where program = 'spinner' and status = "
                             "'ACTIVE'")
               .size() == 1;
  }));
  std::vector<std::string> attach = Oradebug("setospid " + spid);
  ASSERT_EQ(attach.size(), 2u) << attach[0];
  EXPECT_NE(attach[0].find("Unix process pid: " + spid), std::string::npos);
  EXPECT_EQ(attach[1], "Statement processed.");
  std::vector<std::string> stack = Oradebug("short_stack");
  ASSERT_EQ(stack.size(), 1u);
  // Innermost first; the fault package's entry point is on it, below the executor.
  EXPECT_NE(stack[0].find("warden::sql::CallFaultProcedure"), std::string::npos) << stack[0];
  EXPECT_NE(stack[0].find("<-"), std::string::npos);
  EXPECT_LT(stack[0].find("CallFaultProcedure"), stack[0].find("RunBackendSession"));
  // The dump goes to the target's trace file, named as Oracle names it.
  std::vector<std::string> name = Oradebug("tracefile_name");
  ASSERT_EQ(name.size(), 1u);
  EXPECT_NE(name[0].find("_ora_" + spid + ".trc"), std::string::npos) << name[0];
  EXPECT_EQ(Oradebug("dump errorstack 2"), std::vector<std::string>{"Statement processed."});
  std::string trace = ReadFile(name[0]);
  EXPECT_NE(trace.find("----- Call Stack Trace -----"), std::string::npos);
  EXPECT_NE(trace.find("CallFaultProcedure"), std::string::npos);
  EXPECT_NE(trace.find("----- Process State -----"), std::string::npos);
  // Crash it on request: the connection is lost, PMON frees the session.
  EXPECT_EQ(Oradebug("event immediate crash"), std::vector<std::string>{"Statement processed."});
  EXPECT_NE(AwaitError(a.get()), "");
  EXPECT_TRUE(WaitUntil([&] {
    return Query(sys_.get(), "select sid from v$session where program = 'spinner'").empty();
  }));
}

TEST_F(OradebugTest, AttachWakeupAndErrors) {
  EXPECT_EQ(Oradebug("short_stack")[0].rfind("ORA-00074", 0), 0u);  // nothing attached yet
  EXPECT_EQ(Oradebug("setmypid"), std::vector<std::string>{"Statement processed."});
  std::vector<std::string> own = Oradebug("short_stack");
  ASSERT_EQ(own.size(), 1u);
  EXPECT_NE(own[0].find("warden::diag::ShortStack"), std::string::npos) << own[0];
  Rows pmon = Query(sys_.get(), "select pid from v$process where pname = 'PMON'");
  ASSERT_EQ(pmon.size(), 1u);
  EXPECT_EQ(Oradebug("wakeup " + *pmon[0][0]), std::vector<std::string>{"Statement processed."});
  EXPECT_EQ(Oradebug("setorapid " + *pmon[0][0]).back(), "Statement processed.");
  EXPECT_NE(Oradebug("short_stack")[0].find("warden::proc::PmonMain"), std::string::npos);
  EXPECT_EQ(Oradebug("setorapid 99999")[0].rfind("ORA-00071", 0), 0u);
  EXPECT_EQ(Oradebug("setospid 1")[0].rfind("ORA-00072", 0), 0u);
  EXPECT_EQ(Oradebug("wakeup")[0].rfind("ORA-00073", 0), 0u);
  Query(sys_.get(), "create user odbg identified by Odbg_pw_1");
  Query(sys_.get(), "grant create session, alter system to odbg");
  {
    Conn u = instance_->Connect("odbg", "Odbg_pw_1");
    ASSERT_EQ(PQstatus(u.get()), CONNECTION_OK);
    EXPECT_EQ(QueryError(u.get(), "oradebug setmypid").rfind("ORA-01031", 0), 0u);
  }
  ASSERT_TRUE(WaitUntil([&] {
    return Query(sys_.get(), "select sid from v$session where username = 'ODBG'").empty();
  }));
  Query(sys_.get(), "drop user odbg");
}

}  // namespace
}  // namespace warden::testing
