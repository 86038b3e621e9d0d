// Spec file parser for the isolation tester (see isolation_spec.h).
#include "isolation_spec.h"

#include <cctype>
#include <map>

namespace warden::testing {
namespace {

struct Token {
  enum class Kind { kWord, kBlock } kind;
  std::string text;
  int line;
};

bool IsKeyword(const std::string& w) {
  return w == "setup" || w == "teardown" || w == "session" || w == "step" || w == "permutation" ||
         w == "as";
}

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

// Words, and { ... } blocks whose text may hold quoted '}' and span lines. '#' starts a
// comment outside blocks.
bool Tokenize(const std::string& text, std::vector<Token>* tokens, std::string* error) {
  int line = 1;
  size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (c == '\n') {
      ++line;
      ++i;
    } else if (isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else if (c == '#') {
      while (i < text.size() && text[i] != '\n') ++i;
    } else if (c == '{') {
      const int start_line = line;
      std::string body;
      char quote = 0;
      for (++i; i < text.size(); ++i) {
        char d = text[i];
        if (d == '\n') ++line;
        if (quote != 0) {
          if (d == quote) quote = 0;
        } else if (d == '\'' || d == '"') {
          quote = d;
        } else if (d == '}') {
          break;
        }
        body += d;
      }
      if (i >= text.size()) {
        *error = "line " + std::to_string(start_line) + ": '{' without its '}'";
        return false;
      }
      ++i;  // the '}'
      tokens->push_back({Token::Kind::kBlock, body, start_line});
    } else if (c == '}') {
      *error = "line " + std::to_string(line) + ": '}' without its '{'";
      return false;
    } else {
      std::string word;
      while (i < text.size() && !isspace(static_cast<unsigned char>(text[i])) && text[i] != '{' &&
             text[i] != '}' && text[i] != '#') {
        word += text[i++];
      }
      tokens->push_back({Token::Kind::kWord, word, line});
    }
  }
  return true;
}

}  // namespace

std::vector<std::string> SplitStatements(const std::string& block) {
  std::vector<std::string> out;
  std::string cur;
  char quote = 0;
  for (char c : block) {
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == ';') {
      if (!Trim(cur).empty()) out.push_back(Trim(cur));
      cur.clear();
      continue;
    }
    cur += c;
  }
  if (!Trim(cur).empty()) out.push_back(Trim(cur));
  return out;
}

bool ParseIsolationSpec(const std::string& text, IsolationSpec* spec, std::string* error) {
  std::vector<Token> t;
  if (!Tokenize(text, &t, error)) return false;
  std::map<std::string, int> step_index;
  auto fail = [&](int line, const std::string& what) {
    *error = "line " + std::to_string(line) + ": " + what;
    return false;
  };
  auto block_after = [&](size_t i) {
    return i + 1 < t.size() && t[i + 1].kind == Token::Kind::kBlock;
  };
  for (size_t i = 0; i < t.size(); ++i) {
    const Token& k = t[i];
    if (k.kind != Token::Kind::kWord) return fail(k.line, "a block where a keyword belongs");
    if (k.text == "setup" || k.text == "teardown") {
      if (!block_after(i)) return fail(k.line, k.text + " needs a { block }");
      std::vector<std::string> stmts = SplitStatements(t[++i].text);
      std::vector<std::string>* into = &spec->setup;
      if (k.text == "teardown") {
        if (!spec->sessions.empty()) return fail(k.line, "teardown belongs before the sessions");
        into = &spec->teardown;
      } else if (!spec->sessions.empty()) {
        into = &spec->sessions.back().setup;
      }
      into->insert(into->end(), stmts.begin(), stmts.end());
    } else if (k.text == "session") {
      if (i + 1 >= t.size() || t[i + 1].kind != Token::Kind::kWord || IsKeyword(t[i + 1].text)) {
        return fail(k.line, "session needs a name");
      }
      IsolationSession s;
      s.name = t[++i].text;
      for (const IsolationSession& other : spec->sessions) {
        if (other.name == s.name) return fail(k.line, "session " + s.name + " twice");
      }
      if (i + 2 < t.size() && t[i + 1].kind == Token::Kind::kWord && t[i + 1].text == "as" &&
          t[i + 2].kind == Token::Kind::kWord) {
        const std::string& who = t[i + 2].text;
        size_t slash = who.find('/');
        if (slash == std::string::npos) return fail(k.line, "as needs USER/PASSWORD");
        s.user = who.substr(0, slash);
        s.password = who.substr(slash + 1);
        i += 2;
      }
      spec->sessions.push_back(std::move(s));
    } else if (k.text == "step") {
      if (spec->sessions.empty()) return fail(k.line, "step outside a session");
      if (i + 2 >= t.size() || t[i + 1].kind != Token::Kind::kWord || IsKeyword(t[i + 1].text) ||
          t[i + 2].kind != Token::Kind::kBlock) {
        return fail(k.line, "step needs a name and a { statement }");
      }
      IsolationStep st;
      st.name = t[i + 1].text;
      st.sql = Trim(t[i + 2].text);
      while (!st.sql.empty() && st.sql.back() == ';')
        st.sql = Trim(st.sql.substr(0, st.sql.size() - 1));
      if (st.sql.empty()) return fail(k.line, "step " + st.name + " is empty");
      if (step_index.count(st.name) != 0) return fail(k.line, "step " + st.name + " twice");
      st.session = static_cast<int>(spec->sessions.size()) - 1;
      step_index[st.name] = static_cast<int>(spec->steps.size());
      spec->sessions.back().steps.push_back(static_cast<int>(spec->steps.size()));
      spec->steps.push_back(std::move(st));
      i += 2;
    } else if (k.text == "permutation") {
      std::vector<PermutationEntry> perm;
      while (i + 1 < t.size() && t[i + 1].kind == Token::Kind::kWord && !IsKeyword(t[i + 1].text)) {
        const Token& n = t[++i];
        PermutationEntry e;
        std::string name = n.text;
        if (size_t at = name.find('@'); at != std::string::npos) {
          std::string ms = name.substr(at + 1);
          if (ms.size() > 2 && ms.compare(ms.size() - 2, 2, "ms") == 0) ms.resize(ms.size() - 2);
          if (ms.empty() || ms.size() > 5 ||
              ms.find_first_not_of("0123456789") != std::string::npos) {
            return fail(n.line, "bad wait in " + n.text + " (name@Nms)");
          }
          e.min_wait_ms = std::stoi(ms);
          name.resize(at);
        }
        auto it = step_index.find(name);
        if (it == step_index.end()) return fail(n.line, "no step named " + name);
        e.step = it->second;
        perm.push_back(e);
      }
      if (perm.empty()) return fail(k.line, "an empty permutation");
      spec->permutations.push_back(std::move(perm));
    } else {
      return fail(k.line, "unknown keyword '" + k.text + "'");
    }
  }
  if (spec->steps.empty()) return fail(1, "no steps");
  if (spec->permutations.empty()) {
    std::vector<PermutationEntry> all;
    for (const IsolationSession& s : spec->sessions) {
      for (int st : s.steps) all.push_back({st, 0});
    }
    spec->permutations.push_back(std::move(all));
  }
  return true;
}

}  // namespace warden::testing
