// Robustness of the query path: token-level mutations of valid queries (dropped,
// repeated and swapped tokens, from a fixed seed) must end either in rows or in an
// OraError other than ORA-00600, never in a crash or another exception (run it under the
// sanitizers too).
#include <gtest/gtest.h>

#include <random>

#include "query_fixture.h"
#include "sql/lexer.h"

namespace warden::sql::testing {
namespace {

constexpr const char* kSeeds[] = {
    "select e.name, d.dname from emp e, dept d where e.dept = d.id(+) and d.loc(+) = 'NY'",
    "select d.dname, count(*) from emp e left join dept d on e.dept = d.id group by d.dname "
    "having count(*) > 1 order by 2 desc nulls last",
    "select * from dept natural join (select 20 id from dual) v full join emp using (id)",
    "with a (x) as (select id from emp) select x from a where x in (select id from dept) "
    "union select 1 from dual minus select 2 from dual order by 1 fetch first 2 rows only",
    "select (select max(sal) from emp x where x.dept = e.dept) from emp e where exists "
    "(select 1 from dept d where d.id = e.dept) and (e.id, e.dept) not in ((1, 10))",
    "select rownum, id from (select id from emp order by sal) where rownum <= 2 and id > all "
    "(select 0 from dual)",
    "select max(count(distinct sal)), avg(sum(sal)) from emp group by dept",
    "select dept, rank() over (partition by dept order by sal desc nulls last), sum(count(*)) "
    "over (order by dept) from emp group by dept, sal",
};

std::string Rejoin(const std::vector<std::string>& tokens) {
  std::string out;
  for (const std::string& t : tokens) out += t + " ";
  return out;
}

TEST_F(QueryTest, MutatedQueriesFailCleanly) {
  std::mt19937 rng(20261123);
  for (const char* seed : kSeeds) {
    std::vector<std::string> tokens;
    const std::string text = seed;
    for (const Token& t : Tokenize(text)) {
      if (t.kind != TokenKind::kEnd) tokens.push_back(text.substr(t.begin, t.end - t.begin));
    }
    Run(seed);  // the seed itself is valid
    for (int i = 0; i < 1500; ++i) {
      std::vector<std::string> m = tokens;
      const int edits = 1 + static_cast<int>(rng() % 3);
      for (int k = 0; k < edits && !m.empty(); ++k) {
        const size_t a = rng() % m.size();
        const size_t b = rng() % m.size();
        switch (rng() % 3) {
          case 0:
            m.erase(m.begin() + static_cast<long>(a));
            break;
          case 1:
            m.insert(m.begin() + static_cast<long>(a), m[b]);
            break;
          default:
            std::swap(m[a], m[b]);
            break;
        }
      }
      const std::string sql = Rejoin(m);
      try {
        Run(sql);
      } catch (const OraError& e) {
        // Rejected with an Oracle error: fine, unless it is an internal one.
        EXPECT_NE(e.code(), 600) << sql << "\n  " << e.what();
      } catch (const std::exception& e) {
        ADD_FAILURE() << sql << "\n  threw " << e.what();
      }
    }
  }
}

}  // namespace
}  // namespace warden::sql::testing
