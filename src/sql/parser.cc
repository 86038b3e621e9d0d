// The parser (see parser.h). Precedence, loosest first, as Oracle's:
//   condition:  OR < AND < NOT < predicate (comparison, IS NULL, IN, BETWEEN, LIKE)
//   expression: || + - (one level) < * / < unary + - < primary
// Conditions and expressions are distinct, as in Oracle: a select-list item is an
// expression (so "SELECT 1=1 FROM DUAL" fails with ORA-00923), a WHERE clause a condition.
// Inside a condition, "(" may open either a parenthesised condition or a parenthesised
// expression that a comparison then follows; the parser parses the inside as a condition
// that may be a bare expression, and continues with the expression grammar when it was.
#include "sql/parser.h"

#include <algorithm>

#include "common/ora_error.h"
#include "sql/date_time.h"
#include "sql/keywords.h"
#include "sql/lexer.h"
#include "sql/setting_statement.h"

namespace warden::sql {
namespace {

// Non-reserved keywords that end a table reference instead of naming its alias.
constexpr std::string_view kNotTableAliases[] = {
    "JOIN",  "INNER",     "LEFT",   "RIGHT", "FULL",   "CROSS", "NATURAL", "OUTER",
    "USING", "PARTITION", "SAMPLE", "FETCH", "OFFSET", "APPLY", "PIVOT",   "UNPIVOT"};

using ExprPtr = std::unique_ptr<Expr>;

constexpr size_t kMaxInList = 1000;  // Oracle's limit on an IN list

class Parser {
 public:
  Parser(std::string_view sql, std::vector<Token> tokens) : sql_(sql), tokens_(std::move(tokens)) {}

  std::unique_ptr<Statement> ParseBody() {
    if (Peek().kind == TokenKind::kEnd) return nullptr;
    auto stmt = std::make_unique<Statement>();
    if (IsKeyword("SELECT") || IsKeyword("WITH") || IsOp("(")) {
      stmt->kind = StatementKind::kSelect;
      stmt->select = Query();
      ForUpdate(stmt->select.get());
    } else if (AcceptKeyword("CALL")) {
      stmt->kind = StatementKind::kCall;
      stmt->calls.push_back(Call());
    } else if (AcceptKeyword("EXEC") || AcceptKeyword("EXECUTE")) {
      // SQL*Plus's EXECUTE, sent verbatim by psql and drivers: one call, like BEGIN c; END;
      stmt->kind = StatementKind::kCall;
      stmt->calls.push_back(Call());
    } else if (IsKeyword("ALTER") && IsKeyword("USER", 1)) {
      Advance();
      stmt->kind = StatementKind::kUser;
      stmt->user = UserDdl(UserStatement::Action::kAlter);
    } else if (AcceptKeyword("ALTER")) {
      ExpectKeyword("SYSTEM", 940);
      if (AcceptKeyword("SET")) {
        stmt->kind = StatementKind::kSystemSet;
        stmt->system_set = SystemSet();
      } else if (AcceptKeyword("SWITCH")) {
        ExpectKeyword("LOGFILE", 2065);
        stmt->kind = StatementKind::kSystemLog;
        stmt->system_log.action = SystemLogStatement::Action::kSwitchLogfile;
      } else if (AcceptKeyword("CHECKPOINT")) {
        if (!AcceptKeyword("GLOBAL")) AcceptKeyword("LOCAL");  // one instance: the same
        stmt->kind = StatementKind::kSystemLog;
        stmt->system_log.action = SystemLogStatement::Action::kCheckpoint;
      } else {
        stmt->kind = StatementKind::kSessionControl;
        stmt->session_control = AlterSystem();
      }
    } else if (IsKeyword("BEGIN") && IsTransactionBegin()) {
      stmt->kind = StatementKind::kTransactionControl;
      stmt->transaction_control = BeginTransaction();
    } else if (DataStatement(stmt.get())) {
      // DDL, DML and transaction control (parser methods below AlterSystem)
    } else if (AcceptKeyword("BEGIN")) {
      stmt->kind = StatementKind::kCall;
      // Bounded by the tokens: each pass consumes one call and its ';'.
      do {
        stmt->calls.push_back(Call());
        ExpectOp(";", 933);
      } while (!IsKeyword("END") && Peek().kind != TokenKind::kEnd);
      ExpectKeyword("END", 933);
      AcceptOp(";");  // PL/SQL's own terminator belongs to the block
    } else {
      Fail(900, Peek());
    }
    // (ParseStatement has removed the one trailing ';' PostgreSQL clients send.)
    if (Peek().kind != TokenKind::kEnd) Fail(IsOp(";") ? 911 : 933, Peek());
    stmt->bind_names = std::move(bind_names_);
    return stmt;
  }

 private:
  // The slot of a bind variable name: the same name always gets the same slot.
  int BindSlot(const std::string& name) {
    auto it = std::find(bind_names_.begin(), bind_names_.end(), name);
    if (it != bind_names_.end()) return static_cast<int>(it - bind_names_.begin());
    bind_names_.push_back(name);
    return static_cast<int>(bind_names_.size() - 1);
  }

  // ---- token helpers ----
  const Token& Peek(size_t ahead = 0) const {
    const size_t i = pos_ + ahead;
    return i < tokens_.size() ? tokens_[i] : tokens_.back();
  }
  const Token& Advance() {
    const Token& t = tokens_[pos_];
    if (pos_ + 1 < tokens_.size()) ++pos_;
    return t;
  }
  bool IsKeyword(std::string_view word, size_t ahead = 0) const {
    const Token& t = Peek(ahead);
    return t.kind == TokenKind::kIdentifier && !t.quoted && t.text == word;
  }
  bool IsOp(std::string_view op, size_t ahead = 0) const {
    const Token& t = Peek(ahead);
    return t.kind == TokenKind::kOperator && t.text == op;
  }
  bool AcceptKeyword(std::string_view word) {
    if (!IsKeyword(word)) return false;
    Advance();
    return true;
  }
  bool AcceptOp(std::string_view op) {
    if (!IsOp(op)) return false;
    Advance();
    return true;
  }
  [[noreturn]] void Fail(int code, const Token& at) {
    OraError e = OraError::Make(code);
    e.set_position(at.position);
    throw e;
  }
  void ExpectKeyword(std::string_view word, int code) {
    if (!AcceptKeyword(word)) Fail(code, Peek());
  }
  void ExpectOp(std::string_view op, int code) {
    if (!AcceptOp(op)) Fail(code, Peek());
  }
  // A query (or subquery) begins here.
  bool AtQueryStart() const { return IsKeyword("SELECT") || IsKeyword("WITH"); }
  // An identifier usable as a name: quoted, or unquoted and not reserved.
  bool IsName(size_t ahead = 0) const {
    const Token& t = Peek(ahead);
    return t.kind == TokenKind::kIdentifier && (t.quoted || !IsReservedWord(t.text));
  }

  // The text of tokens [from, to) as Oracle names an expression column.
  std::string SpanText(size_t from, size_t to) const {
    std::string out;
    for (size_t i = from; i < to && i < tokens_.size(); ++i) {
      const Token& t = tokens_[i];
      std::string_view raw = sql_.substr(t.begin, t.end - t.begin);
      if (t.kind == TokenKind::kIdentifier && t.quoted) {
        out.append(raw);
      } else {
        for (char c : raw) out.push_back((c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c);
      }
    }
    return out;
  }

  static ExprPtr Node(ExprKind kind, int position) {
    auto e = std::make_unique<Expr>();
    e->kind = kind;
    e->position = position;
    return e;
  }
  static ExprPtr Binary(ExprKind kind, Op op, ExprPtr l, ExprPtr r) {
    auto e = Node(kind, l->position);
    e->op = op;
    Attach(e.get(), std::move(l));
    Attach(e.get(), std::move(r));
    return e;
  }

  // Adds a child, keeping parent->depth = 1 + the deepest child. The binder and the
  // evaluator recurse over the tree, so its depth is bounded here (ORA-03001 beyond
  // kMaxExprDepth levels: deeper nesting is not supported).
  static void Attach(Expr* parent, ExprPtr child) {
    if (child->depth + 1 > kMaxExprDepth) {
      OraError e = OraError::Make(3001);
      e.set_position(child->position);
      throw e;
    }
    parent->depth = std::max(parent->depth, child->depth + 1);
    parent->args.push_back(std::move(child));
  }

  // ---- COMMIT [COMMENT 'text'] [WRITE [WAIT | NOWAIT] [IMMEDIATE | BATCH]] ----
  void CommitOptions(TransactionControl* tc) {
    if (AcceptKeyword("COMMENT")) {
      if (Peek().kind != TokenKind::kString) Fail(933, Peek());  // the comment is not kept
      Advance();
    }
    if (!AcceptKeyword("WRITE")) return;
    // Each choice at most once, in any order (bounded: two words).
    for (int i = 0; i < 2; ++i) {
      if (tc->commit_wait < 0 && (IsKeyword("WAIT") || IsKeyword("NOWAIT"))) {
        tc->commit_wait = AcceptKeyword("WAIT") ? 0 : (Advance(), 1);
      } else if (tc->commit_logging < 0 && (IsKeyword("IMMEDIATE") || IsKeyword("BATCH"))) {
        tc->commit_logging = AcceptKeyword("IMMEDIATE") ? 0 : (Advance(), 1);
      }
    }
  }

  // ---- ALTER SYSTEM SET name = value [COMMENT = '..'] [SCOPE = ..] [SID = '..'] ----
  SystemSetStatement SystemSet() {
    SystemSetStatement s;
    if (Peek().kind != TokenKind::kIdentifier) Fail(2065, Peek());
    s.position = Peek().position;
    s.name = Advance().text;
    ExpectOp("=", 2065);
    s.value_position = Peek().position;
    const bool negative = AcceptOp("-");
    const Token& v = Peek();
    if (v.kind != TokenKind::kString && v.kind != TokenKind::kNumber &&
        v.kind != TokenKind::kIdentifier) {
      Fail(2065, v);
    }
    if (negative && v.kind != TokenKind::kNumber) Fail(2065, v);
    s.value = (negative ? "-" : "") + Advance().text;
    // Options, bounded by the tokens.
    while (Peek().kind != TokenKind::kEnd) {
      if (AcceptKeyword("SCOPE")) {
        ExpectOp("=", 2065);
        s.scope = Advance().text;
        for (char& c : s.scope) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        if (s.scope != "MEMORY" && s.scope != "SPFILE" && s.scope != "BOTH") Fail(2065, Peek());
      } else if (AcceptKeyword("SID") || AcceptKeyword("COMMENT")) {
        ExpectOp("=", 2065);
        if (Peek().kind != TokenKind::kString) Fail(2065, Peek());
        Advance();  // one instance: every SID means this one; the comment is not kept
      } else {
        Fail(IsOp(";") ? 911 : 933, Peek());
      }
    }
    return s;
  }

  // ---- ALTER SYSTEM KILL SESSION / DISCONNECT SESSION / CANCEL SQL ----
  SessionControl AlterSystem() {
    using Action = SessionControl::Action;
    SessionControl c;
    if (AcceptKeyword("KILL")) {
      c.action = Action::kKill;
      ExpectKeyword("SESSION", 2065);
    } else if (AcceptKeyword("DISCONNECT")) {
      c.action = Action::kDisconnect;
      ExpectKeyword("SESSION", 2065);
    } else if (AcceptKeyword("CANCEL")) {
      c.action = Action::kCancelSql;
      ExpectKeyword("SQL", 2065);
    } else {
      Fail(2065, Peek());
    }
    if (Peek().kind != TokenKind::kString) Fail(26, Peek());
    c.position = Peek().position;
    c.session_id = Advance().text;
    // Options, each at most once; bounded by the tokens.
    while (Peek().kind != TokenKind::kEnd) {
      if (c.action == Action::kKill && AcceptKeyword("IMMEDIATE")) {
        c.immediate = true;
      } else if (c.action == Action::kKill && AcceptKeyword("FORCE")) {
        c.force = true;
      } else if (c.action == Action::kKill && AcceptKeyword("NOREPLAY")) {
        // Application Continuity is not offered, so there is nothing to replay anyway.
      } else if (c.action == Action::kKill && AcceptKeyword("TIMEOUT")) {
        if (Peek().kind != TokenKind::kNumber) Fail(2065, Peek());
        c.timeout = std::stoll(Advance().text);
      } else if (c.action == Action::kDisconnect && AcceptKeyword("IMMEDIATE")) {
        c.immediate = true;
      } else if (c.action == Action::kDisconnect && AcceptKeyword("POST_TRANSACTION")) {
        c.post_transaction = true;
      } else {
        Fail(IsOp(";") ? 911 : 933, Peek());
      }
    }
    if (c.action == Action::kDisconnect && !c.immediate && !c.post_transaction) {
      Fail(2065, Peek());  // Oracle requires one of the two
    }
    return c;
  }

  // ---- procedure calls: name[.name...] [( expr, ... )] ----
  // ---- DDL, DML and transaction control ----

  // Parses one of the statements that change data; false (nothing consumed) if the text
  // starts with none of them.
  bool DataStatement(Statement* stmt) {
    if (AcceptKeyword("CREATE")) {
      if (IsKeyword("USER")) {
        stmt->kind = StatementKind::kUser;
        stmt->user = UserDdl(UserStatement::Action::kCreate);
      } else if (IsKeyword("TABLE")) {
        Advance();
        stmt->kind = StatementKind::kCreateTable;
        stmt->create_table = CreateTable();
      } else if (IsKeyword("INDEX") || IsKeyword("UNIQUE")) {
        stmt->kind = StatementKind::kCreateIndex;
        stmt->create_index = CreateIndex();
      } else {
        Fail(901, Peek());
      }
    } else if (AcceptKeyword("DROP")) {
      if (IsKeyword("USER")) {
        stmt->kind = StatementKind::kUser;
        stmt->user = UserDdl(UserStatement::Action::kDrop);
      } else if (AcceptKeyword("TABLE")) {
        stmt->kind = StatementKind::kDropTable;
        stmt->drop = Drop(true);
      } else if (AcceptKeyword("INDEX")) {
        stmt->kind = StatementKind::kDropIndex;
        stmt->drop = Drop(false);
      } else {
        Fail(950, Peek());
      }
    } else if (AcceptKeyword("TRUNCATE")) {
      ExpectKeyword("TABLE", 3290);
      stmt->kind = StatementKind::kTruncateTable;
      stmt->drop = std::make_unique<DropStatement>();
      stmt->drop->object = QualifiedName();
    } else if (AcceptKeyword("INSERT")) {
      stmt->kind = StatementKind::kInsert;
      stmt->insert = Insert();
    } else if (AcceptKeyword("UPDATE")) {
      stmt->kind = StatementKind::kUpdate;
      stmt->update = Update();
    } else if (AcceptKeyword("DELETE")) {
      stmt->kind = StatementKind::kDelete;
      stmt->del = Delete();
    } else if (IsKeyword("COMMIT") || IsKeyword("END")) {
      stmt->kind = StatementKind::kTransactionControl;
      const bool commit = IsKeyword("COMMIT");
      stmt->transaction_control.position = Advance().position;
      if (!AcceptKeyword("WORK")) AcceptKeyword("TRANSACTION");
      if (commit) CommitOptions(&stmt->transaction_control);
    } else if (IsKeyword("ROLLBACK") || IsKeyword("ABORT")) {
      stmt->kind = StatementKind::kTransactionControl;
      TransactionControl& tc = stmt->transaction_control;
      tc.position = Advance().position;
      tc.action = TransactionControl::Action::kRollback;
      if (!AcceptKeyword("WORK")) AcceptKeyword("TRANSACTION");
      if (AcceptKeyword("TO")) {
        AcceptKeyword("SAVEPOINT");
        if (!IsName()) Fail(933, Peek());
        tc.action = TransactionControl::Action::kRollbackToSavepoint;
        tc.savepoint = Advance().text;
      }
    } else if (IsKeyword("SAVEPOINT")) {
      stmt->kind = StatementKind::kTransactionControl;
      TransactionControl& tc = stmt->transaction_control;
      tc.position = Advance().position;
      tc.action = TransactionControl::Action::kSavepoint;
      if (!IsName()) Fail(933, Peek());
      tc.savepoint = Advance().text;
    } else if (IsKeyword("START") && IsKeyword("TRANSACTION", 1)) {
      stmt->kind = StatementKind::kTransactionControl;
      stmt->transaction_control.position = Advance().position;
      Advance();
      stmt->transaction_control.action = TransactionControl::Action::kBegin;
      IsolationLevel();
    } else if (IsKeyword("ORADEBUG")) {
      stmt->kind = StatementKind::kOradebug;
      stmt->oradebug.position = Advance().position;
      // The rest is the command and its arguments, word by word (bounded by the tokens).
      while (Peek().kind != TokenKind::kEnd && stmt->oradebug.words.size() < 64) {
        stmt->oradebug.words.push_back(Advance().text);
      }
    } else if (IsKeyword("GRANT") || IsKeyword("REVOKE")) {
      stmt->kind = StatementKind::kGrant;
      stmt->grant = Grant();
    } else if (AcceptKeyword("LOCK")) {
      ExpectKeyword("TABLE", 905);
      stmt->kind = StatementKind::kLockTable;
      stmt->lock_table = LockTable();
    } else {
      return false;
    }
    return true;
  }

  // BEGIN alone (or BEGIN WORK/TRANSACTION/ISOLATION ...) is PostgreSQL's transaction start;
  // BEGIN followed by anything else opens an anonymous block.
  bool IsTransactionBegin() const {
    const Token& next = Peek(1);
    return next.kind == TokenKind::kEnd || IsKeyword("WORK", 1) || IsKeyword("TRANSACTION", 1) ||
           IsKeyword("ISOLATION", 1) || IsKeyword("READ", 1);
  }

  TransactionControl BeginTransaction() {
    TransactionControl tc;
    tc.position = Advance().position;  // BEGIN
    tc.action = TransactionControl::Action::kBegin;
    if (!AcceptKeyword("WORK")) AcceptKeyword("TRANSACTION");
    IsolationLevel();
    return tc;
  }

  // [ISOLATION LEVEL READ COMMITTED] [READ WRITE]: Warden runs read committed only.
  void IsolationLevel() {
    if (AcceptKeyword("ISOLATION")) {
      ExpectKeyword("LEVEL", 905);
      ExpectKeyword("READ", 2179);
      ExpectKeyword("COMMITTED", 2179);
    }
    if (AcceptKeyword("READ")) ExpectKeyword("WRITE", 905);
  }

  ObjectName QualifiedName() {
    ObjectName n;
    if (!IsName()) Fail(903, Peek());
    n.position = Peek().position;
    n.name = Advance().text;
    if (AcceptOp(".")) {
      if (!IsName()) Fail(903, Peek());
      n.schema = n.name;
      n.name = Advance().text;
    }
    return n;
  }

  std::string ColumnName() {
    if (!IsName()) Fail(904, Peek());
    return Advance().text;
  }

  int64_t IntegerLiteral() {
    const Token& t = Peek();
    if (t.kind != TokenKind::kNumber) Fail(2017, t);  // integer value required
    int64_t v = 0;
    for (char c : t.text) {
      if (c < '0' || c > '9' || v > 1'000'000'000) Fail(2017, t);
      v = v * 10 + (c - '0');
    }
    Advance();
    return v;
  }

  std::vector<std::string> ColumnList() {
    ExpectOp("(", 906);
    std::vector<std::string> cols;
    do {
      cols.push_back(ColumnName());
    } while (AcceptOp(",") && cols.size() < 1000);
    ExpectOp(")", 907);
    return cols;
  }

  TypeSpec Type() {
    TypeSpec t;
    t.position = Peek().position;
    if (Peek().kind != TokenKind::kIdentifier || Peek().quoted) Fail(902, Peek());
    t.name = Advance().text;
    if (t.name == "DOUBLE") {
      ExpectKeyword("PRECISION", 902);
      t.name = "DOUBLE PRECISION";
    }
    if (AcceptOp("(")) {
      bool numeric = t.name == "NUMBER" || t.name == "DECIMAL" || t.name == "NUMERIC" ||
                     t.name == "TIMESTAMP" || t.name == "FLOAT";
      if (numeric) {
        if (AcceptOp("*")) {
          t.precision = 38;
        } else {
          t.precision = IntegerLiteral();
        }
        if (AcceptOp(",")) {
          bool negative = AcceptOp("-");
          t.scale = IntegerLiteral() * (negative ? -1 : 1);
        }
      } else {
        t.length = IntegerLiteral();
        if (!AcceptKeyword("BYTE")) AcceptKeyword("CHAR");
      }
      ExpectOp(")", 907);
    }
    return t;
  }

  std::unique_ptr<CreateTableStatement> CreateTable() {
    auto ct = std::make_unique<CreateTableStatement>();
    ct->table = QualifiedName();
    ExpectOp("(", 906);
    do {
      if (IsKeyword("CONSTRAINT") || IsKeyword("PRIMARY") || IsKeyword("UNIQUE")) {
        ct->keys.push_back(TableConstraint());
        continue;
      }
      ColumnSpec c;
      c.position = Peek().position;
      if (!IsName()) Fail(904, Peek());
      c.name = Advance().text;
      c.type = Type();
      ColumnConstraints(&c, ct.get());
      ct->columns.push_back(std::move(c));
    } while (AcceptOp(",") && ct->columns.size() <= 1000);
    ExpectOp(")", 907);
    return ct;
  }

  void ColumnConstraints(ColumnSpec* c, CreateTableStatement* ct) {
    for (int i = 0; i < 16; ++i) {  // a handful of clauses per column at most
      std::string constraint_name;
      if (AcceptKeyword("CONSTRAINT")) constraint_name = ColumnName();
      if (AcceptKeyword("DEFAULT")) {
        const size_t start = pos_;
        c->default_expr = ParseExpr();
        c->default_text = std::string(sql_.substr(tokens_[start].begin,
                                                  tokens_[pos_ - 1].end - tokens_[start].begin));
      } else if (AcceptKeyword("NOT")) {
        ExpectKeyword("NULL", 905);
        c->not_null = true;
      } else if (AcceptKeyword("NULL")) {
        c->not_null = false;
      } else if (AcceptKeyword("PRIMARY")) {
        ExpectKeyword("KEY", 905);
        ct->keys.push_back({constraint_name, true, {c->name}, c->position});
      } else if (AcceptKeyword("UNIQUE")) {
        ct->keys.push_back({constraint_name, false, {c->name}, c->position});
      } else {
        if (!constraint_name.empty()) Fail(2253, Peek());  // constraint specification not allowed
        return;
      }
    }
  }

  KeyConstraint TableConstraint() {
    KeyConstraint k;
    k.position = Peek().position;
    if (AcceptKeyword("CONSTRAINT")) k.name = ColumnName();
    if (AcceptKeyword("PRIMARY")) {
      ExpectKeyword("KEY", 905);
      k.primary_key = true;
    } else if (!AcceptKeyword("UNIQUE")) {
      Fail(2253, Peek());
    }
    k.columns = ColumnList();
    return k;
  }

  std::unique_ptr<CreateIndexStatement> CreateIndex() {
    auto ci = std::make_unique<CreateIndexStatement>();
    ci->unique = AcceptKeyword("UNIQUE");
    ExpectKeyword("INDEX", 901);
    ci->index = QualifiedName();
    ExpectKeyword("ON", 969);
    ci->table = QualifiedName();
    ci->columns = ColumnList();
    return ci;
  }

  std::unique_ptr<DropStatement> Drop(bool table) {
    auto d = std::make_unique<DropStatement>();
    d->object = QualifiedName();
    if (table && AcceptKeyword("CASCADE")) {
      ExpectKeyword("CONSTRAINTS", 905);
      d->cascade_constraints = true;
    }
    if (table && AcceptKeyword("PURGE")) d->purge = true;
    return d;
  }

  // An optional alias after a DML table name (not one of the clause keywords).
  std::string DmlAlias() {
    if (IsName() && !IsKeyword("SET") && !IsKeyword("WHERE") && !IsKeyword("VALUES")) {
      return Advance().text;
    }
    return "";
  }

  std::unique_ptr<InsertStatement> Insert() {
    ExpectKeyword("INTO", 925);
    auto ins = std::make_unique<InsertStatement>();
    ins->table = QualifiedName();
    if (IsName() && !IsKeyword("VALUES") && !IsKeyword("SELECT")) ins->alias = Advance().text;
    if (IsOp("(") && !IsKeyword("SELECT", 1)) {
      ins->columns_position = Peek().position;
      ins->columns = ColumnList();
    }
    if (AcceptKeyword("VALUES")) {
      do {
        ExpectOp("(", 906);
        std::vector<ExprPtr> row;
        do {
          if (AcceptKeyword("DEFAULT")) {
            row.push_back(nullptr);
          } else {
            row.push_back(ParseExpr());
          }
        } while (AcceptOp(",") && row.size() <= 1000);
        // Oracle: values side by side without a comma are ORA-00917; a statement that
        // stops inside the list is ORA-00921.
        if (Peek().kind == TokenKind::kEnd) Fail(921, Peek());
        if (!IsOp(")")) Fail(917, Peek());
        Advance();
        ins->rows.push_back(std::move(row));
      } while (AcceptOp(","));
    } else if (IsKeyword("SELECT") || (IsOp("(") && IsKeyword("SELECT", 1))) {
      bool paren = AcceptOp("(");
      ins->select = Query();
      if (paren) ExpectOp(")", 907);
    } else {
      Fail(926, Peek());  // missing VALUES keyword
    }
    return ins;
  }

  std::unique_ptr<UpdateStatement> Update() {
    auto up = std::make_unique<UpdateStatement>();
    up->table = QualifiedName();
    up->alias = DmlAlias();
    ExpectKeyword("SET", 971);
    do {
      Assignment a;
      a.position = Peek().position;
      a.column = ColumnName();
      if (AcceptOp(".")) a.column = ColumnName();  // alias.column
      ExpectOp("=", 927);
      if (!AcceptKeyword("DEFAULT")) a.value = ParseExpr();
      up->sets.push_back(std::move(a));
    } while (AcceptOp(",") && up->sets.size() <= 1000);
    if (AcceptKeyword("WHERE")) up->where = Condition();
    return up;
  }

  std::unique_ptr<DeleteStatement> Delete() {
    AcceptKeyword("FROM");
    auto del = std::make_unique<DeleteStatement>();
    del->table = QualifiedName();
    del->alias = DmlAlias();
    if (AcceptKeyword("WHERE")) del->where = Condition();
    return del;
  }

  std::unique_ptr<LockTableStatement> LockTable() {
    auto lt = std::make_unique<LockTableStatement>();
    lt->table = QualifiedName();
    ExpectKeyword("IN", 969);
    if (AcceptKeyword("ROW")) {
      if (AcceptKeyword("SHARE")) {
        lt->mode = 2;
      } else {
        ExpectKeyword("EXCLUSIVE", 905);
        lt->mode = 3;
      }
    } else if (AcceptKeyword("SHARE")) {
      lt->mode = 4;
      if (AcceptKeyword("ROW")) {
        ExpectKeyword("EXCLUSIVE", 905);
        lt->mode = 5;
      } else if (AcceptKeyword("UPDATE")) {
        lt->mode = 2;
      }
    } else {
      ExpectKeyword("EXCLUSIVE", 905);
      lt->mode = 6;
    }
    ExpectKeyword("MODE", 905);
    if (AcceptKeyword("NOWAIT")) {
      lt->nowait = true;
    } else if (AcceptKeyword("WAIT")) {
      lt->wait_seconds = IntegerLiteral();
    }
    return lt;
  }

  // SELECT ... FOR UPDATE [OF cols] [NOWAIT | WAIT n | SKIP LOCKED]
  void ForUpdate(SelectStatement* s) {
    if (!AcceptKeyword("FOR")) return;
    ExpectKeyword("UPDATE", 905);
    s->for_update = true;
    if (AcceptKeyword("OF")) {
      do {
        ColumnName();
        if (AcceptOp(".")) ColumnName();
      } while (AcceptOp(","));
    }
    if (AcceptKeyword("NOWAIT")) {
      s->for_update_nowait = true;
    } else if (AcceptKeyword("WAIT")) {
      s->for_update_wait = IntegerLiteral();
    } else if (AcceptKeyword("SKIP")) {
      ExpectKeyword("LOCKED", 905);
      s->for_update_skip_locked = true;
    }
  }

  // CREATE USER name IDENTIFIED BY pw [ACCOUNT LOCK|UNLOCK] [DEFAULT TABLESPACE t]
  // [TEMPORARY TABLESPACE t] [QUOTA n|UNLIMITED ON t]; ALTER USER name (the same clauses);
  // DROP USER name [CASCADE]. The keyword USER is the current token.
  std::unique_ptr<UserStatement> UserDdl(UserStatement::Action action) {
    Advance();  // USER
    auto u = std::make_unique<UserStatement>();
    u->action = action;
    u->position = Peek().position;
    if (!IsName()) Fail(action == UserStatement::Action::kCreate ? 1935 : 1918, Peek());
    u->name = Advance().text;
    if (action == UserStatement::Action::kDrop) {
      u->cascade = AcceptKeyword("CASCADE");
      return u;
    }
    for (int clause = 0; clause < 16 && Peek().kind != TokenKind::kEnd; ++clause) {
      if (AcceptKeyword("IDENTIFIED")) {
        ExpectKeyword("BY", 905);
        const Token& t = Peek();
        if (t.kind != TokenKind::kIdentifier && t.kind != TokenKind::kNumber) Fail(988, t);
        // Passwords are case-sensitive: an unquoted one is taken as typed.
        u->password = t.quoted ? t.text : std::string(sql_.substr(t.begin, t.end - t.begin));
        u->has_password = true;
        Advance();
      } else if (AcceptKeyword("ACCOUNT")) {
        if (AcceptKeyword("LOCK")) {
          u->account = 1;
        } else {
          ExpectKeyword("UNLOCK", 922);
          u->account = 2;
        }
      } else if (AcceptKeyword("DEFAULT") || AcceptKeyword("TEMPORARY")) {
        ExpectKeyword("TABLESPACE", 922);
        if (!IsName()) Fail(922, Peek());
        Advance();  // one tablespace: accepted, not interpreted
      } else if (AcceptKeyword("QUOTA")) {
        if (!AcceptKeyword("UNLIMITED")) {
          if (Peek().kind != TokenKind::kNumber) Fail(922, Peek());
          Advance();
          if (IsName() && !IsKeyword("ON")) Advance();  // K, M, G
        }
        ExpectKeyword("ON", 969);
        if (!IsName()) Fail(922, Peek());
        Advance();
      } else {
        Fail(922, Peek());  // missing or invalid option
      }
    }
    if (action == UserStatement::Action::kCreate && !u->has_password) Fail(988, Peek());
    return u;
  }

  // GRANT priv[, priv...] [ON [schema.]object] TO user[, user] [WITH ADMIN|GRANT OPTION]
  // REVOKE priv[, priv...] [ON [schema.]object] FROM user[, user]
  std::unique_ptr<GrantStatement> Grant() {
    auto g = std::make_unique<GrantStatement>();
    g->revoke = Advance().text == "REVOKE";
    g->privileges_position = Peek().position;
    const char* target = g->revoke ? "FROM" : "TO";
    for (int n = 0; n < 64; ++n) {
      std::string priv;
      // A privilege is one or more words: CREATE SESSION, SELECT ANY DICTIONARY, SELECT.
      for (int w = 0; w < 6 && Peek().kind == TokenKind::kIdentifier && !Peek().quoted &&
                      !IsKeyword("ON") && !IsKeyword(target);
           ++w) {
        priv += (priv.empty() ? "" : " ") + Advance().text;
      }
      if (priv.empty()) Fail(990, Peek());
      g->privileges.push_back(priv);
      if (!AcceptOp(",")) break;
    }
    if (AcceptKeyword("ON")) {
      g->on_object = true;
      g->object = QualifiedName();
    }
    ExpectKeyword(target, g->revoke ? 905 : 905);
    g->grantees_position = Peek().position;
    for (int n = 0; n < 64; ++n) {
      if (!IsName()) Fail(987, Peek());
      g->grantees.push_back(Advance().text);
      if (!AcceptOp(",")) break;
    }
    if (AcceptKeyword("WITH")) {  // accepted; grantees may not pass privileges on (yet)
      if (!AcceptKeyword("ADMIN")) ExpectKeyword("GRANT", 905);
      ExpectKeyword("OPTION", 905);
    }
    return g;
  }

  ProcedureCall Call() {
    ProcedureCall c;
    c.position = Peek().position;
    if (!IsName()) Fail(900, Peek());
    c.name = Advance().text;
    // Bounded by the tokens.
    while (AcceptOp(".")) {
      if (!IsName()) Fail(900, Peek());
      c.name += "." + Advance().text;
    }
    if (AcceptOp("(")) {
      if (!IsOp(")")) {
        do {
          c.args.push_back(ParseExpr());
        } while (AcceptOp(","));
      }
      ExpectOp(")", 907);
    }
    return c;
  }

  // ---- queries ----
  // query:  term { (UNION [ALL] | MINUS | INTERSECT) term } [ORDER BY ...]
  //         [OFFSET n ROW[S]] [FETCH FIRST|NEXT n ROW[S] ONLY]
  // term:   select-block | "(" query ")"
  // Set operators have equal precedence and associate to the left, as in Oracle.
  std::unique_ptr<SelectStatement> Query() {
    QueryDepthGuard guard(this);
    std::vector<CommonTableExpr> with;
    if (AcceptKeyword("WITH")) with = WithList();
    auto left = QueryTerm();
    // Bounded by the tokens: each pass consumes an operator and a term.
    while (true) {
      const int position = Peek().position;
      SetOp op = SetOp::kNone;
      if (AcceptKeyword("UNION")) {
        op = AcceptKeyword("ALL") ? SetOp::kUnionAll : SetOp::kUnion;
      } else if (AcceptKeyword("MINUS")) {
        op = SetOp::kMinus;
      } else if (AcceptKeyword("INTERSECT")) {
        op = SetOp::kIntersect;
      } else {
        break;
      }
      auto node = std::make_unique<SelectStatement>();
      CountQueryNode();
      node->set_op = op;
      node->set_position = position;
      node->position = left->position;
      node->set_left = std::move(left);
      node->set_right = QueryTerm();
      left = std::move(node);
    }
    if (IsKeyword("ORDER")) {
      if (!left->order_by.empty()) Fail(933, Peek());
      Advance();
      ExpectKeyword("BY", 924);
      OrderBy(left.get());
    }
    RowLimit(left.get());
    left->with = std::move(with);
    return left;
  }

  // name [(column, ...)] AS (query) {, ...}
  std::vector<CommonTableExpr> WithList() {
    std::vector<CommonTableExpr> list;
    do {
      CommonTableExpr c;
      c.position = Peek().position;
      if (!IsName()) Fail(903, Peek());
      c.name = Advance().text;
      if (AcceptOp("(")) {
        do {
          if (!IsName()) Fail(904, Peek());
          c.columns.push_back(Advance().text);
        } while (AcceptOp(","));
        ExpectOp(")", 907);
      }
      ExpectKeyword("AS", 905);
      ExpectOp("(", 906);
      c.query = Query();
      ExpectOp(")", 907);
      list.push_back(std::move(c));
    } while (AcceptOp(","));
    if (!IsKeyword("SELECT") && !IsOp("(")) Fail(928, Peek());
    return list;
  }

  std::unique_ptr<SelectStatement> QueryTerm() {
    if (IsOp("(")) {
      Advance();
      auto inner = Query();
      ExpectOp(")", 907);
      if (inner->order_by.empty() && inner->offset == nullptr && inner->fetch == nullptr) {
        return inner;
      }
      // A parenthesized query with its own ORDER BY or row limit keeps them: wrap it as
      // an inline view so the enclosing query's clauses apply on top.
      auto outer = std::make_unique<SelectStatement>();
      outer->position = inner->position;
      SelectItem star;
      star.kind = SelectItem::Kind::kStar;
      star.position = inner->position;
      outer->items.push_back(std::move(star));
      TableRef view;
      view.position = inner->position;
      view.subquery = std::move(inner);
      outer->from.push_back(std::move(view));
      return outer;
    }
    if (!IsKeyword("SELECT")) Fail(928, Peek());
    return SelectBlock();
  }

  // [OFFSET n ROW|ROWS] [FETCH FIRST|NEXT [n] ROW|ROWS ONLY]
  void RowLimit(SelectStatement* s) {
    if (AcceptKeyword("OFFSET")) {
      s->offset = ParseExpr();
      if (!AcceptKeyword("ROWS") && !AcceptKeyword("ROW")) Fail(905, Peek());
    }
    if (AcceptKeyword("FETCH")) {
      if (!AcceptKeyword("FIRST") && !AcceptKeyword("NEXT")) Fail(905, Peek());
      if (IsKeyword("ROWS") || IsKeyword("ROW")) {
        auto one = Node(ExprKind::kLiteral, Peek().position);
        one->value = Value::FromInt(1);
        s->fetch = std::move(one);
      } else {
        s->fetch = ParseExpr();
      }
      if (!AcceptKeyword("ROWS") && !AcceptKeyword("ROW")) Fail(905, Peek());
      ExpectKeyword("ONLY", 905);
    }
  }

  std::unique_ptr<SelectStatement> SelectBlock() {
    CountQueryNode();
    auto s = std::make_unique<SelectStatement>();
    s->position = Advance().position;  // SELECT
    if (AcceptKeyword("DISTINCT") || AcceptKeyword("UNIQUE")) {
      s->distinct = true;
    } else {
      AcceptKeyword("ALL");
    }
    SelectList(s.get());
    if (Peek().kind == TokenKind::kEnd) {
      // Oracle 23ai: a SELECT without FROM reads from DUAL ("SELECT version()").
      TableRef dual;
      dual.name = "DUAL";
      dual.position = Peek().position;
      s->from.push_back(std::move(dual));
      return s;
    }
    ExpectKeyword("FROM", 923);
    FromList(s.get());
    if (AcceptKeyword("WHERE")) s->where = Condition();
    // Oracle accepts HAVING before GROUP BY as well as after it.
    if (IsKeyword("HAVING")) {
      Advance();
      s->having = Condition();
    }
    if (IsKeyword("GROUP")) {
      Advance();
      ExpectKeyword("BY", 924);
      do {
        s->group_by.push_back(ParseExpr());
      } while (AcceptOp(","));
    }
    if (s->having == nullptr && IsKeyword("HAVING")) {
      Advance();
      s->having = Condition();
    }
    return s;
  }

  void SelectList(SelectStatement* s) {
    // One item per pass; each consumes tokens or fails.
    while (true) {
      SelectItem item;
      item.position = Peek().position;
      if (IsOp("*")) {
        Advance();
        item.kind = SelectItem::Kind::kStar;
        s->items.push_back(std::move(item));
        // A bare * stands alone in Oracle's select list.
        if (!IsKeyword("FROM") || s->items.size() > 1) Fail(923, Peek());
        return;
      }
      if (IsName() && IsOp(".", 1) && IsOp("*", 2)) {
        item.kind = SelectItem::Kind::kQualifiedStar;
        item.qualifier = Advance().text;
        Advance();
        Advance();
      } else {
        const size_t start = pos_;
        item.expr = ParseExpr();
        item.text = SpanText(start, pos_);
        if (AcceptKeyword("AS")) {
          if (!IsName()) Fail(923, Peek());
          item.has_alias = true;
          item.alias = Advance().text;
        } else if (IsName()) {
          item.has_alias = true;
          item.alias = Advance().text;
        }
      }
      s->items.push_back(std::move(item));
      if (!AcceptOp(",")) return;
      if (IsOp("*")) Fail(936, Peek());
    }
  }

  void FromList(SelectStatement* s) {
    while (true) {
      TableRef t = FromItem();
      Joins(&t);
      s->from.push_back(std::move(t));
      if (!AcceptOp(",")) return;
    }
  }

  // A table [schema.]name [alias], or an inline view (query) [alias].
  TableRef FromItem() {
    CountQueryNode();
    TableRef t;
    t.position = Peek().position;
    if (AcceptOp("(")) {
      if (!AtQueryStart() && !IsOp("(")) Fail(903, Peek());
      t.subquery = Query();
      ExpectOp(")", 907);
    } else {
      if (!IsName()) Fail(903, Peek());
      t.name = Advance().text;
      if (AcceptOp(".")) {
        if (!IsName()) Fail(903, Peek());
        t.schema = t.name;
        t.name = Advance().text;
      }
    }
    if (IsName() && !IsTableAliasStop()) t.alias = Advance().text;
    return t;
  }

  // { [INNER] JOIN | LEFT|RIGHT|FULL [OUTER] JOIN | CROSS JOIN } item [ON cond | USING (cols)]
  void Joins(TableRef* left) {
    // Bounded by the tokens: each pass consumes a join.
    while (true) {
      Join j;
      j.position = Peek().position;
      const bool natural = IsKeyword("NATURAL") && !IsOp(",", 1);
      if (natural) Advance();
      if (AcceptKeyword("JOIN")) {
        j.kind = JoinKind::kInner;
      } else if (IsKeyword("INNER") && IsKeyword("JOIN", 1)) {
        Advance();
        Advance();
        j.kind = JoinKind::kInner;
      } else if (!natural && IsKeyword("CROSS") && IsKeyword("JOIN", 1)) {
        Advance();
        Advance();
        j.kind = JoinKind::kCross;
      } else if (IsKeyword("LEFT") || IsKeyword("RIGHT") || IsKeyword("FULL")) {
        const std::string word = Advance().text;
        j.kind = word == "LEFT"    ? JoinKind::kLeft
                 : word == "RIGHT" ? JoinKind::kRight
                                   : JoinKind::kFull;
        AcceptKeyword("OUTER");
        ExpectKeyword("JOIN", 905);
      } else {
        if (natural) Fail(905, Peek());
        return;
      }
      j.right = FromItem();
      j.natural = natural;
      if (j.kind != JoinKind::kCross && !natural) {
        if (AcceptKeyword("ON")) {
          j.on = Condition();
        } else if (AcceptKeyword("USING")) {
          ExpectOp("(", 906);
          do {
            if (!IsName()) Fail(904, Peek());
            j.using_columns.push_back(Advance().text);
          } while (AcceptOp(","));
          ExpectOp(")", 907);
        } else {
          Fail(905, Peek());
        }
      }
      left->joins.push_back(std::move(j));
    }
  }

  bool IsTableAliasStop() const {
    const Token& t = Peek();
    if (t.quoted) return false;
    for (std::string_view w : kNotTableAliases) {
      if (t.text == w) return true;
    }
    return false;
  }

  void OrderBy(SelectStatement* s) { OrderItems(&s->order_by); }

  void OrderItems(std::vector<OrderItem>* items) {
    while (true) {
      OrderItem item;
      item.position = Peek().position;
      const size_t start = pos_;
      item.expr = ParseExpr();
      item.text = SpanText(start, pos_);
      if (AcceptKeyword("DESC")) {
        item.descending = true;
      } else {
        AcceptKeyword("ASC");
      }
      if (IsKeyword("NULLS")) {
        Advance();
        if (AcceptKeyword("FIRST")) {
          item.nulls = NullsOrder::kFirst;
        } else if (AcceptKeyword("LAST")) {
          item.nulls = NullsOrder::kLast;
        } else {
          Fail(905, Peek());
        }
      }
      items->push_back(std::move(item));
      if (!AcceptOp(",")) return;
    }
  }

  // ---- conditions ----
  ExprPtr Condition() { return Or(false); }

  // bare_ok: the condition sits directly inside "(" and may turn out to be an expression.
  ExprPtr Or(bool bare_ok) {
    auto left = And(bare_ok);
    while (IsKeyword("OR")) {
      if (!IsCondition(*left)) Fail(920, Peek());
      Advance();
      left = Binary(ExprKind::kOr, Op::kNone, std::move(left), And(false));
    }
    return left;
  }

  ExprPtr And(bool bare_ok) {
    auto left = Not(bare_ok);
    while (IsKeyword("AND")) {
      if (!IsCondition(*left)) Fail(920, Peek());
      Advance();
      left = Binary(ExprKind::kAnd, Op::kNone, std::move(left), Not(false));
    }
    return left;
  }

  ExprPtr Not(bool bare_ok) {
    NestingGuard guard(this);
    if (IsKeyword("NOT")) {
      auto e = Node(ExprKind::kNot, Advance().position);
      Attach(e.get(), Not(false));
      return e;
    }
    return Predicate(bare_ok);
  }

  ExprPtr Predicate(bool bare_ok) {
    ExprPtr left;
    if (IsKeyword("EXISTS")) return Exists();
    if (IsOp("(")) {
      const Token& open = Advance();
      if (AtQueryStart()) {
        // A scalar subquery that a comparison follows: back up and parse it as a value.
        --pos_;
        return PredicateRest(ParseExpr(), bare_ok);
      }
      auto inner = Or(true);
      if (IsOp(",") && !IsCondition(*inner)) return TupleIn(std::move(inner), open.position);
      ExpectOp(")", 907);
      if (IsCondition(*inner)) return inner;
      inner->position = open.position;
      left = ContinueAdditive(ContinueMultiplicative(std::move(inner)));
    } else {
      left = ParseExpr();
    }
    return PredicateRest(std::move(left), bare_ok);
  }

  ExprPtr PredicateRest(ExprPtr left, bool bare_ok) {
    static constexpr std::pair<std::string_view, Op> kComparisons[] = {
        {"=", Op::kEq}, {"<>", Op::kNe}, {"!=", Op::kNe}, {"^=", Op::kNe},
        {"<", Op::kLt}, {"<=", Op::kLe}, {">", Op::kGt},  {">=", Op::kGe}};
    for (const auto& [text, op] : kComparisons) {
      if (IsOp(text)) {
        Advance();
        if (IsKeyword("ANY") || IsKeyword("ALL") || IsKeyword("SOME")) {
          return Quantified(op, std::move(left));
        }
        return Binary(ExprKind::kComparison, op, std::move(left), ParseExpr());
      }
    }
    if (IsKeyword("IS")) {
      Advance();
      auto e = Node(ExprKind::kIsNull, left->position);
      e->negated = AcceptKeyword("NOT");
      ExpectKeyword("NULL", 908);
      Attach(e.get(), std::move(left));
      return e;
    }
    const bool negated =
        IsKeyword("NOT") && (IsKeyword("IN", 1) || IsKeyword("BETWEEN", 1) || IsKeyword("LIKE", 1));
    if (negated) Advance();
    if (AcceptKeyword("IN")) {
      auto e = Node(ExprKind::kIn, left->position);
      e->negated = negated;
      Attach(e.get(), std::move(left));
      ExpectOp("(", 906);
      if (AtQueryStart()) {
        e->kind = ExprKind::kInSubquery;
        e->subquery = Query();
        ExpectOp(")", 907);
        return e;
      }
      do {
        if (e->args.size() > kMaxInList) Fail(1795, Peek());
        Attach(e.get(), ParseExpr());
      } while (AcceptOp(","));
      ExpectOp(")", 907);
      return e;
    }
    if (AcceptKeyword("BETWEEN")) {
      auto e = Node(ExprKind::kBetween, left->position);
      e->negated = negated;
      Attach(e.get(), std::move(left));
      Attach(e.get(), ParseExpr());
      ExpectKeyword("AND", 905);
      Attach(e.get(), ParseExpr());
      return e;
    }
    if (AcceptKeyword("LIKE")) {
      auto e = Node(ExprKind::kLike, left->position);
      e->negated = negated;
      Attach(e.get(), std::move(left));
      Attach(e.get(), ParseExpr());
      if (AcceptKeyword("ESCAPE")) Attach(e.get(), ParseExpr());
      return e;
    }
    if (bare_ok) return left;
    Fail(920, Peek());
  }

  // ---- expressions ----
  ExprPtr ParseExpr() { return ContinueAdditive(Multiplicative()); }

  ExprPtr ContinueAdditive(ExprPtr left) {
    while (true) {
      if (AcceptOp("+")) {
        left = Binary(ExprKind::kArithmetic, Op::kAdd, std::move(left), Multiplicative());
      } else if (AcceptOp("-")) {
        left = Binary(ExprKind::kArithmetic, Op::kSubtract, std::move(left), Multiplicative());
      } else if (AcceptOp("||")) {
        left = Binary(ExprKind::kConcat, Op::kNone, std::move(left), Multiplicative());
      } else {
        return left;
      }
    }
  }

  ExprPtr Multiplicative() { return ContinueMultiplicative(Unary()); }

  ExprPtr ContinueMultiplicative(ExprPtr left) {
    while (true) {
      if (AcceptOp("*")) {
        left = Binary(ExprKind::kArithmetic, Op::kMultiply, std::move(left), Unary());
      } else if (AcceptOp("/")) {
        left = Binary(ExprKind::kArithmetic, Op::kDivide, std::move(left), Unary());
      } else {
        return left;
      }
    }
  }

  ExprPtr Unary() {
    NestingGuard guard(this);
    if (IsOp("-")) {
      auto e = Node(ExprKind::kNegate, Advance().position);
      Attach(e.get(), Unary());
      return e;
    }
    if (IsOp("+")) {
      const int position = Advance().position;
      auto e = Unary();
      e->position = position;
      return e;
    }
    return Primary();
  }

  ExprPtr Primary() {
    const Token& t = Peek();
    switch (t.kind) {
      case TokenKind::kNumber: {
        auto e = Node(ExprKind::kLiteral, t.position);
        Number n;
        try {
          Number::Parse(t.text, &n);  // the lexer only produces valid numeric text
        } catch (OraError& err) {
          err.set_position(t.position);
          throw;
        }
        e->value = Value::Num(n);
        Advance();
        return e;
      }
      case TokenKind::kString: {
        auto e = Node(ExprKind::kLiteral, t.position);
        e->value = Value::Varchar(t.text);
        Advance();
        return e;
      }
      case TokenKind::kBind: {
        auto e = Node(ExprKind::kBind, t.position);
        e->name = t.text;
        e->bind_slot = BindSlot(t.text);
        Advance();
        return e;
      }
      case TokenKind::kOperator:
        if (t.text == "(") {
          const int position = Advance().position;
          if (AtQueryStart()) {
            auto e = Node(ExprKind::kScalarSubquery, position);
            e->subquery = Query();
            ExpectOp(")", 907);
            return e;
          }
          auto e = ParseExpr();
          ExpectOp(")", 907);
          e->position = position;
          return e;
        }
        Fail(936, t);
      case TokenKind::kEnd:
        Fail(936, t);
      case TokenKind::kIdentifier:
        return IdentifierPrimary();
    }
    Fail(936, t);
  }

  ExprPtr IdentifierPrimary() {
    const Token& t = Peek();
    if (!t.quoted) {
      if (t.text == "NULL") {
        Advance();
        return Node(ExprKind::kLiteral, t.position);
      }
      if (t.text == "CASE") return Case();
      if (t.text == "DATE" && Peek(1).kind == TokenKind::kString) return DateLiteral();
      if (t.text == "SYSDATE" || t.text == "USER" || t.text == "UID") {
        auto e = Node(ExprKind::kFunction, t.position);
        e->name = Advance().text;
        e->no_parentheses = true;
        return e;
      }
      if (t.text == "TRIM" && IsOp("(", 1)) return Trim();
      if (t.text == "ROWNUM") {
        auto e = Node(ExprKind::kColumnRef, t.position);
        e->name = Advance().text;
        return e;
      }
      if (IsReservedWord(t.text)) Fail(936, t);
    }
    const Token& name = Advance();
    if (IsOp("(") && !IsOuterJoinMarker()) return FunctionCall("", name);
    if (IsOp(".") && Peek(1).kind == TokenKind::kIdentifier) {
      Advance();
      if (!IsName()) Fail(936, Peek());
      const Token& second = Advance();
      // package.function
      if (IsOp("(") && !IsOuterJoinMarker()) return FunctionCall(name.text, second);
      auto e = Node(ExprKind::kColumnRef, name.position);
      e->qualifier = name.text;
      e->name = second.text;
      e->quoted = second.quoted;
      e->outer_join = AcceptOuterJoinMarker();
      return e;
    }
    auto e = Node(ExprKind::kColumnRef, name.position);
    e->name = name.text;
    e->quoted = name.quoted;
    e->outer_join = AcceptOuterJoinMarker();
    return e;
  }

  // (a, b, ...) [NOT] IN ( subquery | (x, y, ...), ... ), from the first "," on.
  ExprPtr TupleIn(ExprPtr first, int position) {
    auto e = Node(ExprKind::kIn, position);
    Attach(e.get(), std::move(first));
    while (AcceptOp(",")) Attach(e.get(), ParseExpr());
    ExpectOp(")", 907);
    const size_t width = e->args.size();
    e->tuple_width = static_cast<int>(width);
    e->negated = AcceptKeyword("NOT");
    ExpectKeyword("IN", 920);
    ExpectOp("(", 906);
    if (AtQueryStart()) {
      e->kind = ExprKind::kInSubquery;
      e->subquery = Query();
      ExpectOp(")", 907);
      return e;
    }
    do {
      if (e->args.size() > kMaxInList * width) Fail(1795, Peek());
      ExpectOp("(", 906);
      for (size_t i = 0; i < width; ++i) {
        if (i > 0 && !AcceptOp(",")) Fail(947, Peek());
        Attach(e.get(), ParseExpr());
      }
      if (IsOp(",")) Fail(913, Peek());
      ExpectOp(")", 907);
    } while (AcceptOp(","));
    ExpectOp(")", 907);
    return e;
  }

  // OVER ( [PARTITION BY expr, ...] [ORDER BY item, ...] ); window frames (ROWS, RANGE)
  // are not supported.
  std::unique_ptr<WindowSpec> Over() {
    Advance();  // OVER
    auto w = std::make_unique<WindowSpec>();
    ExpectOp("(", 906);
    if (AcceptKeyword("PARTITION")) {
      ExpectKeyword("BY", 924);
      do {
        w->partition_by.push_back(ParseExpr());
      } while (AcceptOp(","));
    }
    if (AcceptKeyword("ORDER")) {
      ExpectKeyword("BY", 924);
      OrderItems(&w->order_by);
      if (IsKeyword("ROWS") || IsKeyword("RANGE")) Fail(3001, Peek());
    }
    ExpectOp(")", 907);
    return w;
  }

  // left op ANY|SOME|ALL ( subquery | expr, ... )
  ExprPtr Quantified(Op op, ExprPtr left) {
    auto e = Node(ExprKind::kQuantified, left->position);
    e->op = op;
    e->quantifier_all = Advance().text == "ALL";
    Attach(e.get(), std::move(left));
    ExpectOp("(", 906);
    if (AtQueryStart()) {
      e->subquery = Query();
    } else {
      do {
        if (e->args.size() > kMaxInList) Fail(1795, Peek());
        Attach(e.get(), ParseExpr());
      } while (AcceptOp(","));
    }
    ExpectOp(")", 907);
    return e;
  }

  // Oracle's outer-join marker "(+)" after a column.
  bool IsOuterJoinMarker() const { return IsOp("(") && IsOp("+", 1) && IsOp(")", 2); }
  bool AcceptOuterJoinMarker() {
    if (!IsOuterJoinMarker()) return false;
    Advance();
    Advance();
    Advance();
    return true;
  }

  // EXISTS (subquery); a NOT before it is parsed by Not().
  ExprPtr Exists() {
    auto e = Node(ExprKind::kExists, Advance().position);
    ExpectOp("(", 906);
    if (!AtQueryStart() && !IsOp("(")) Fail(928, Peek());
    e->subquery = Query();
    ExpectOp(")", 907);
    return e;
  }

  // REQUIRES: at "(" after the function name.
  ExprPtr FunctionCall(const std::string& package, const Token& name) {
    auto e = Node(ExprKind::kFunction, name.position);
    e->name = package.empty() ? name.text : package + "." + name.text;
    Advance();  // (
    // Aggregates: COUNT(*), f(DISTINCT x), f(ALL x); the binder checks where they fit.
    if (package.empty() && IsOp("*") && IsOp(")", 1)) {
      Advance();
      Advance();
      e->star_arg = true;
      if (IsKeyword("OVER") && IsOp("(", 1)) e->over = Over();
      return e;
    }
    if (package.empty() && (IsKeyword("DISTINCT") || IsKeyword("UNIQUE"))) {
      Advance();
      e->distinct_arg = true;
    } else if (package.empty() && IsKeyword("ALL") && !IsOp(")", 1)) {
      Advance();
    }
    if (!AcceptOp(")")) {
      do {
        Attach(e.get(), ParseExpr());
      } while (AcceptOp(","));
      ExpectOp(")", 907);
    }
    if (package.empty() && IsKeyword("OVER") && IsOp("(", 1)) e->over = Over();
    return e;
  }

  // TRIM( [ [LEADING|TRAILING|BOTH] [char] FROM ] source )
  ExprPtr Trim() {
    auto e = Node(ExprKind::kFunction, Peek().position);
    e->name = Advance().text;
    Advance();  // (
    e->trim_mode = TrimMode::kBoth;
    bool has_mode = false;
    if (AcceptKeyword("LEADING")) {
      e->trim_mode = TrimMode::kLeading;
      has_mode = true;
    } else if (AcceptKeyword("TRAILING")) {
      e->trim_mode = TrimMode::kTrailing;
      has_mode = true;
    } else if (AcceptKeyword("BOTH")) {
      has_mode = true;
    }
    ExprPtr trim_char;
    ExprPtr source;
    if (has_mode && AcceptKeyword("FROM")) {
      source = ParseExpr();
    } else {
      auto first = ParseExpr();
      if (AcceptKeyword("FROM")) {
        trim_char = std::move(first);
        source = ParseExpr();
      } else {
        if (has_mode) Fail(905, Peek());  // LEADING x without FROM
        source = std::move(first);
      }
    }
    ExpectOp(")", 907);
    Attach(e.get(), std::move(source));
    if (trim_char) Attach(e.get(), std::move(trim_char));
    return e;
  }

  // DATE 'YYYY-MM-DD' (ANSI date literal).
  ExprPtr DateLiteral() {
    auto e = Node(ExprKind::kLiteral, Advance().position);
    const Token& lit = Advance();
    int64_t d = 0;
    if (!ParseDefaultDateOnly(lit.text, &d)) Fail(1861, lit);
    e->value = Value::Date(d);
    return e;
  }

  // The ANSI literal holds a date only: 'YYYY-MM-DD'.
  static bool ParseDefaultDateOnly(std::string_view text, int64_t* out) {
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    return text.size() == 10 && ParseDefaultDate(text, out);
  }

  ExprPtr Case() {
    auto e = Node(ExprKind::kCase, Advance().position);
    if (!IsKeyword("WHEN")) {
      e->case_has_operand = true;
      Attach(e.get(), ParseExpr());
    }
    if (!IsKeyword("WHEN")) Fail(905, Peek());
    while (AcceptKeyword("WHEN")) {
      Attach(e.get(), e->case_has_operand ? ParseExpr() : Condition());
      ExpectKeyword("THEN", 905);
      Attach(e.get(), ParseExpr());
    }
    if (AcceptKeyword("ELSE")) {
      e->case_has_else = true;
      Attach(e.get(), ParseExpr());
    }
    ExpectKeyword("END", 905);
    return e;
  }

  // Bounds the parser's own recursion (nested parentheses, NOT NOT ..., - - ...): every
  // recursive cycle of the grammar passes through Unary() or Not().
  class NestingGuard {
   public:
    explicit NestingGuard(Parser* p) : p_(p) {
      if (++p_->nesting_ > kMaxExprDepth) p_->Fail(3001, p_->Peek());
    }
    ~NestingGuard() { --p_->nesting_; }
    NestingGuard(const NestingGuard&) = delete;
    NestingGuard& operator=(const NestingGuard&) = delete;

   private:
    Parser* p_;
  };

  // Planning and running recurse along set-operator chains and join trees, so their total
  // size is bounded too: at most kMaxQueryNodes query blocks, set operators and FROM items
  // in one statement (ORA-03001 beyond).
  void CountQueryNode() {
    if (++query_nodes_ > kMaxQueryNodes) Fail(3001, Peek());
  }

  // Bounds query nesting (subqueries, inline views, parenthesized set branches).
  class QueryDepthGuard {
   public:
    explicit QueryDepthGuard(Parser* p) : p_(p) {
      if (++p_->query_depth_ > kMaxQueryDepth) p_->Fail(3001, p_->Peek());
    }
    ~QueryDepthGuard() { --p_->query_depth_; }
    QueryDepthGuard(const QueryDepthGuard&) = delete;
    QueryDepthGuard& operator=(const QueryDepthGuard&) = delete;

   private:
    Parser* p_;
  };

  std::string_view sql_;
  std::vector<Token> tokens_;
  size_t pos_ = 0;
  int nesting_ = 0;
  std::vector<std::string> bind_names_;  // see Statement::bind_names
  int query_depth_ = 0;
  int query_nodes_ = 0;  // query blocks, set operators and FROM items so far
};

}  // namespace

std::unique_ptr<Statement> ParseStatement(std::string_view sql) {
  std::vector<Token> tokens = Tokenize(sql);
  // PostgreSQL clients (pgbench, drivers, psql -f) end a statement with one ';', which is
  // not part of it; anything after a ';' still is ORA-00911.
  if (tokens.size() >= 2 && tokens[tokens.size() - 2].kind == TokenKind::kOperator &&
      tokens[tokens.size() - 2].text == ";") {
    tokens.erase(tokens.end() - 2);
  }
  if (std::unique_ptr<Statement> setting = ParseSettingStatement(tokens)) return setting;
  return Parser(sql, std::move(tokens)).ParseBody();
}

bool IsEmptyStatement(std::string_view sql) {
  try {
    return Tokenize(sql).size() == 1;
  } catch (const OraError&) {
    return false;
  }
}

}  // namespace warden::sql
