// The abstract syntax tree the parser produces and the binder consumes. Plain data: the
// parser fills it, nothing mutates it afterwards. Every node keeps the 1-based character
// position of its first token, so errors found later (ORA-00904 at bind time) can point
// at it.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sql/value.h"

namespace warden::sql {

struct SelectStatement;
struct WindowSpec;

enum class ExprKind {
  kLiteral,     // value
  kColumnRef,   // [qualifier.]name
  kBind,        // :name, :1, $1 (name holds what follows the ':' or '$')
  kNegate,      // -args[0]
  kArithmetic,  // args[0] op args[1], op in + - * /
  kConcat,      // args[0] || args[1]
  kFunction,    // name(args...) (or a pseudo-function written without parentheses)
  kCase,        // CASE [operand] WHEN..THEN.. [ELSE] END, layout in Expr
  // Conditions (evaluate to TRUE/FALSE/UNKNOWN, never to a value):
  kComparison,  // args[0] op args[1], op in = <> < <= > >=
  kAnd,         // args[0] AND args[1]
  kOr,          // args[0] OR args[1]
  kNot,         // NOT args[0]
  kIsNull,      // args[0] IS [NOT] NULL
  kIn,          // args[0] [NOT] IN (args[1..])
  kBetween,     // args[0] [NOT] BETWEEN args[1] AND args[2]
  kLike,        // args[0] [NOT] LIKE args[1] [ESCAPE args[2]]
  // Subqueries (the query in Expr::subquery):
  kScalarSubquery,  // (SELECT ...) as a value
  kExists,          // [NOT] EXISTS (SELECT ...)
  kInSubquery,      // args[0] [NOT] IN (SELECT ...)
  kQuantified,      // args[0] op ANY|SOME|ALL (SELECT ...) or (args[1..])
};

enum class Op { kNone, kAdd, kSubtract, kMultiply, kDivide, kEq, kNe, kLt, kLe, kGt, kGe };

// TRIM's [LEADING|TRAILING|BOTH] [char FROM] form.
enum class TrimMode { kNone, kBoth, kLeading, kTrailing };

struct Expr {
  ExprKind kind = ExprKind::kLiteral;
  int position = 0;
  Op op = Op::kNone;
  bool negated = false;                  // NOT IN, NOT BETWEEN, NOT LIKE, IS NOT NULL
  Value value;                           // kLiteral
  std::string qualifier;                 // kColumnRef: table or alias, "" if none
  std::string name;                      // kColumnRef, kFunction, kBind
  int bind_slot = -1;                    // kBind: index into Statement::bind_names
  bool quoted = false;                   // kColumnRef: the name was a "quoted" identifier
  bool no_parentheses = false;           // kFunction written without (): SYSDATE, USER
  TrimMode trim_mode = TrimMode::kNone;  // kFunction TRIM: args = [source] or [source, char]
  // kCase: args = [operand if has_operand] (when, then)... [else if has_else].
  bool case_has_operand = false;
  bool case_has_else = false;
  std::vector<std::unique_ptr<Expr>> args;
  // kColumnRef written with Oracle's outer-join marker: col(+).
  bool outer_join = false;
  // kFunction: an aggregate's argument forms COUNT(*) and f(DISTINCT x).
  bool star_arg = false;
  bool distinct_arg = false;
  // kQuantified: ALL (else ANY / SOME).
  bool quantifier_all = false;
  // kIn, kInSubquery: (a, b) [NOT] IN ((1, 2), (3, 4)) compares tuples of this width:
  // args[0, width) are the left side, then each tuple's values in turn.
  int tuple_width = 1;
  // kScalarSubquery, kExists, kInSubquery.
  std::unique_ptr<SelectStatement> subquery;
  // kFunction f(...) OVER (...): an analytic function.
  std::unique_ptr<WindowSpec> over;
  // 1 + the deepest child's depth; the parser keeps it <= kMaxExprDepth, which bounds the
  // recursion of everything that walks the tree.
  int depth = 1;
};

constexpr int kMaxExprDepth = 1000;

bool IsCondition(const Expr& e);
// Structural equality (same text up to blanks and case): how GROUP BY expressions are
// matched in the select list, HAVING and ORDER BY. Recursion bounded by kMaxExprDepth.
bool SameExpr(const Expr& a, const Expr& b);

struct SelectItem {
  enum class Kind { kExpr, kStar, kQualifiedStar };
  Kind kind = Kind::kExpr;
  std::unique_ptr<Expr> expr;  // kExpr
  std::string qualifier;       // kQualifiedStar: the table or alias before ".*"
  bool has_alias = false;
  std::string alias;  // normalized (upper-cased unless quoted)
  // The expression as Oracle names an unaliased column: the text as written, upper-cased
  // except quoted identifiers, whitespace and comments between tokens removed.
  std::string text;
  int position = 0;
};

struct Join;

// One FROM item: a table or an inline view, and the ANSI joins that follow it
// (`a JOIN b ON ... LEFT JOIN c USING (x)`), applied left to right.
struct TableRef {
  std::string schema;  // "" if none
  std::string name;    // "" for an inline view
  std::string alias;   // "" if none
  int position = 0;
  std::unique_ptr<SelectStatement> subquery;  // inline view: (SELECT ...) [alias]
  std::vector<Join> joins;
};

enum class JoinKind { kInner, kLeft, kRight, kFull, kCross };

struct Join {
  JoinKind kind = JoinKind::kInner;
  TableRef right;            // without joins of its own
  std::unique_ptr<Expr> on;  // ON condition; nullptr for CROSS and USING
  std::vector<std::string> using_columns;
  bool natural = false;  // NATURAL JOIN: USING every column name both sides have
  int position = 0;      // of the JOIN keyword's clause
};

enum class NullsOrder { kDefault, kFirst, kLast };

struct OrderItem {
  std::unique_ptr<Expr> expr;
  std::string text;  // as SelectItem::text, to match select-list expressions
  bool descending = false;
  NullsOrder nulls = NullsOrder::kDefault;
  int position = 0;
};

// OVER ( [PARTITION BY expr, ...] [ORDER BY item, ...] ): the default window, the whole
// partition, or with ORDER BY the rows up to the current one and its peers.
struct WindowSpec {
  std::vector<std::unique_ptr<Expr>> partition_by;
  std::vector<OrderItem> order_by;
};

enum class SetOp { kNone, kUnionAll, kUnion, kIntersect, kMinus };

// WITH name [(column, ...)] AS (query): a named query that FROM may use like a table.
struct CommonTableExpr {
  std::string name;
  std::vector<std::string> columns;  // empty: the query's own column names
  std::unique_ptr<SelectStatement> query;
  int position = 0;
};

// A query: either one query block (select list, FROM, WHERE, GROUP BY, HAVING), or, when
// set_op != kNone, set_left <op> set_right (then the block fields are unused). ORDER BY
// and OFFSET/FETCH apply to the whole query.
struct SelectStatement {
  bool distinct = false;
  std::vector<SelectItem> items;
  std::vector<TableRef> from;
  std::unique_ptr<Expr> where;  // nullptr if none
  std::vector<std::unique_ptr<Expr>> group_by;
  std::unique_ptr<Expr> having;  // nullptr if none
  std::vector<OrderItem> order_by;
  // FOR UPDATE [NOWAIT | WAIT n | SKIP LOCKED]
  bool for_update = false;
  bool for_update_nowait = false;
  bool for_update_skip_locked = false;
  int64_t for_update_wait = -1;  // seconds; -1 = wait forever
  SetOp set_op = SetOp::kNone;
  std::unique_ptr<SelectStatement> set_left;
  std::unique_ptr<SelectStatement> set_right;
  int set_position = 0;          // of the set operator keyword
  std::unique_ptr<Expr> offset;  // OFFSET n ROWS; nullptr if none
  std::unique_ptr<Expr> fetch;   // FETCH FIRST|NEXT n ROWS ONLY; nullptr if none
  int position = 0;              // of the SELECT keyword (or the first branch's)
  // WITH clause ahead of the query: visible in all of it (later entries see earlier ones).
  std::vector<CommonTableExpr> with;
};

// Query nesting (subqueries, inline views, set-operator branches) is bounded by the
// parser so that the planner's and binder's recursion stays bounded (Oracle allows 255
// levels of subqueries).
constexpr int kMaxQueryDepth = 255;
// Query blocks, set operators and FROM items in one statement, which bounds the depth of
// set-operator chains and join trees (parser.cc).
constexpr int kMaxQueryNodes = 1000;

// One call of a built-in procedure: `DBMS_LOCK.SLEEP(5)` inside BEGIN ... END; or CALL.
struct ProcedureCall {
  std::string name;  // dotted and upper-cased: "DBMS_LOCK.SLEEP"
  std::vector<std::unique_ptr<Expr>> args;
  int position = 0;
};

// ALTER SYSTEM {KILL SESSION | DISCONNECT SESSION | CANCEL SQL} 'sid,serial#[,@inst]' ...
struct SessionControl {
  enum class Action { kKill, kDisconnect, kCancelSql };
  Action action = Action::kKill;
  std::string session_id;         // the quoted text, unparsed (ORA-00026 is the executor's)
  int position = 0;               // of the quoted text
  bool immediate = false;         // KILL ... IMMEDIATE, DISCONNECT ... IMMEDIATE
  bool force = false;             // KILL ... FORCE
  bool post_transaction = false;  // DISCONNECT ... POST_TRANSACTION
  int64_t timeout = -1;           // KILL ... TIMEOUT n (seconds); -1 = the default
};

// ---- DDL, DML and transaction control (the statements that change data) ----

// A column type as written: NUMBER(p,s), VARCHAR2(n), DATE, ...
struct TypeSpec {
  std::string name;  // upper-cased: NUMBER, INTEGER, VARCHAR2, VARCHAR, CHAR, DATE, ...
  int64_t precision = -1;  // NUMBER(p), TIMESTAMP(p)
  int64_t scale = -1;      // NUMBER(p,s)
  int64_t length = -1;     // VARCHAR2(n), CHAR(n), RAW(n)
  int position = 0;
};

struct ColumnSpec {
  std::string name;
  TypeSpec type;
  bool not_null = false;
  bool primary_key = false;
  bool unique = false;
  std::unique_ptr<Expr> default_expr;  // nullptr if none
  std::string default_text;            // the DEFAULT expression as written
  int position = 0;
};

// PRIMARY KEY (a, b) / UNIQUE (c) written after the columns, or inline on one column.
struct KeyConstraint {
  std::string name;  // CONSTRAINT name, "" if none
  bool primary_key = false;
  std::vector<std::string> columns;
  int position = 0;
};

struct ObjectName {
  std::string schema;  // "" = the session's own
  std::string name;
  int position = 0;
};

struct CreateTableStatement {
  ObjectName table;
  std::vector<ColumnSpec> columns;
  std::vector<KeyConstraint> keys;
};

struct CreateIndexStatement {
  bool unique = false;
  ObjectName index;
  ObjectName table;
  std::vector<std::string> columns;
};

// DROP TABLE / DROP INDEX / TRUNCATE TABLE.
struct DropStatement {
  ObjectName object;
  bool cascade_constraints = false;
  bool purge = false;
};

struct InsertStatement {
  ObjectName table;
  std::string alias;
  std::vector<std::string> columns;  // empty: all, in table order
  int columns_position = 0;
  // VALUES (..)[, (..)]: one vector per row; a DEFAULT keyword is a nullptr entry.
  std::vector<std::vector<std::unique_ptr<Expr>>> rows;
  std::unique_ptr<SelectStatement> select;  // INSERT ... SELECT
};

struct Assignment {
  std::string column;
  int position = 0;
  std::unique_ptr<Expr> value;  // nullptr: SET c = DEFAULT
};

struct UpdateStatement {
  ObjectName table;
  std::string alias;
  std::vector<Assignment> sets;
  std::unique_ptr<Expr> where;
};

struct DeleteStatement {
  ObjectName table;
  std::string alias;
  std::unique_ptr<Expr> where;
};

// COMMIT, ROLLBACK [TO [SAVEPOINT] name], SAVEPOINT name, and PostgreSQL's BEGIN /
// START TRANSACTION / END.
struct TransactionControl {
  enum class Action { kCommit, kRollback, kSavepoint, kRollbackToSavepoint, kBegin };
  Action action = Action::kCommit;
  std::string savepoint;
  int position = 0;
  // COMMIT [WORK] [COMMENT 'text'] [WRITE [WAIT | NOWAIT] [IMMEDIATE | BATCH]]: -1 = the
  // commit_wait / commit_logging parameter; else the choice's index (0 WAIT, 1 NOWAIT;
  // 0 IMMEDIATE, 1 BATCH).
  int commit_wait = -1;
  int commit_logging = -1;
};

// LOCK TABLE t IN mode MODE [NOWAIT | WAIT n].
struct LockTableStatement {
  ObjectName table;
  int mode = 0;  // Oracle's lock modes: 2 RS, 3 RX, 4 S, 5 SRX, 6 X
  bool nowait = false;
  int64_t wait_seconds = -1;  // -1: wait forever
};

// CREATE USER / ALTER USER / DROP USER.
struct UserStatement {
  enum class Action { kCreate, kAlter, kDrop };
  Action action = Action::kCreate;
  std::string name;
  int position = 0;
  bool has_password = false;
  std::string password;  // as typed: passwords are case-sensitive
  int account = 0;       // ACCOUNT: 0 not given, 1 LOCK, 2 UNLOCK
  bool cascade = false;  // DROP USER ... CASCADE
};

// GRANT privs [ON object] TO users / REVOKE privs [ON object] FROM users.
struct GrantStatement {
  bool revoke = false;
  std::vector<std::string> privileges;  // upper-cased words joined by one blank
  int privileges_position = 0;
  bool on_object = false;
  ObjectName object;
  std::vector<std::string> grantees;
  int grantees_position = 0;
};

// ORADEBUG command [arguments]: the words as written (upper-cased unless quoted).
// ALTER SYSTEM SET name = value [COMMENT = '...'] [SCOPE = MEMORY|SPFILE|BOTH] [SID = '...'].
struct SystemSetStatement {
  std::string name;   // as written
  std::string value;  // the literal's text (a quoted string without its quotes)
  std::string scope = "BOTH";  // Oracle's default for an instance started from an SPFILE
  int position = 0;        // of the name
  int value_position = 0;  // of the value
};

// ALTER SYSTEM SWITCH LOGFILE | ALTER SYSTEM CHECKPOINT [GLOBAL | LOCAL].
struct SystemLogStatement {
  enum class Action { kSwitchLogfile, kCheckpoint };
  Action action = Action::kCheckpoint;
};

struct OradebugStatement {
  std::vector<std::string> words;
  int position = 0;
};

enum class StatementKind {
  kSelect,
  kCall,
  kSessionControl,
  kCreateTable,
  kCreateIndex,
  kDropTable,
  kDropIndex,
  kTruncateTable,
  kInsert,
  kUpdate,
  kDelete,
  kTransactionControl,
  kLockTable,
  kSetting,
  kUser,
  kGrant,
  kOradebug,
  kSystemSet,
  kSystemLog,
};
// PostgreSQL clients' session settings (session_settings.h): SET name {TO|=} value|DEFAULT,
// SET TIME ZONE value, RESET name|ALL, SHOW name|ALL.
struct SettingStatement {
  enum class Action { kSet, kReset, kShow };
  Action action = Action::kShow;
  std::string name;                  // as written (case-insensitive); "" with all
  bool all = false;                  // RESET ALL, SHOW ALL
  std::optional<std::string> value;  // kSet: the value as text; nullopt = DEFAULT
};

struct Statement {
  StatementKind kind = StatementKind::kSelect;
  std::unique_ptr<SelectStatement> select;
  // kCall: `CALL p(...)` or an anonymous block `BEGIN p(...); q(...); END;` whose statements
  // are procedure calls (the PL/SQL subset wsql's EXEC produces).
  std::vector<ProcedureCall> calls;
  SessionControl session_control;  // kSessionControl
  std::unique_ptr<CreateTableStatement> create_table;
  std::unique_ptr<CreateIndexStatement> create_index;
  std::unique_ptr<DropStatement> drop;  // kDropTable, kDropIndex, kTruncateTable
  std::unique_ptr<InsertStatement> insert;
  std::unique_ptr<UpdateStatement> update;
  std::unique_ptr<DeleteStatement> del;
  TransactionControl transaction_control;
  std::unique_ptr<LockTableStatement> lock_table;
  std::unique_ptr<UserStatement> user;    // kUser
  std::unique_ptr<GrantStatement> grant;  // kGrant
  OradebugStatement oradebug;             // kOradebug
  SystemSetStatement system_set;          // kSystemSet
  SystemLogStatement system_log;          // kSystemLog
  uint64_t sql_id = 0;  // SqlIdHash of the statement's text (sql/sql_id.h), set by Prepare
  SettingStatement setting;        // kSetting
  // The distinct bind variable names (":name", ":1", "$1" -> "NAME", "1", "1") in order of
  // first appearance; an Expr of kind kBind holds its index here (bind_slot).
  std::vector<std::string> bind_names;
};

}  // namespace warden::sql
