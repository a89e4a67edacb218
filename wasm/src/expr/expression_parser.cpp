// Recursive-descent parser for docs/run-spec.md section 3, emitting reverse Polish notation.
//
//   expr  := term  (("+" | "-") term)*        left-assoc
//   term  := unary (("*" | "/") unary)*       left-assoc
//   unary := "-" unary | power
//   power := atom ("**" unary)?               right-assoc; `-2 ** 2 == -4`, `2 ** -1 == 0.5`
//   atom  := NUMBER | VAR | "pi" | FUNC "(" expr ("," expr)* ")" | "(" expr ")"
//
// This is Python's own precedence
// (https://docs.python.org/3/reference/expressions.html#the-power-operator). Every recursion passes
// through unary(), which counts the depth, so hostile input
// ("((((..." or "----...") ends in a SpecError, never a stack overflow.
#include <cmath>
#include <cstdlib>

#include "expr/expression.hpp"
#include "spec/spec_error.hpp"

namespace lrlab {

namespace {

struct Function {
  const char* name;
  Expression::Op op;
  bool variadic;  // min/max: 2 or more arguments; the rest: exactly 1
};

constexpr Function kFunctions[] = {
    {"min", Expression::Op::kMin, true},      {"max", Expression::Op::kMax, true},
    {"abs", Expression::Op::kAbs, false},     {"exp", Expression::Op::kExp, false},
    {"log", Expression::Op::kLog, false},     {"sqrt", Expression::Op::kSqrt, false},
    {"sin", Expression::Op::kSin, false},     {"cos", Expression::Op::kCos, false},
    {"floor", Expression::Op::kFloor, false}, {"ceil", Expression::Op::kCeil, false},
};

constexpr double kPi = 3.141592653589793;  // math.pi, the double nearest to pi

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_name_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_name_char(char c) { return is_name_start(c) || is_digit(c); }

enum class Token {
  kNumber,
  kName,
  kPlus,
  kMinus,
  kStar,
  kSlash,
  kPower,
  kLParen,
  kRParen,
  kComma,
  kEnd
};

}  // namespace

class ExpressionParser {
 public:
  ExpressionParser(const std::string& source, const std::string& variable, const std::string& path)
      : src_(source), variable_(variable), path_(path) {}

  Expression parse() {
    if (src_.size() > Expression::kMaxLength)
      throw_spec_error(path_, concat({"must be at most ", Expression::kMaxLength,
                                      " characters, got ", src_.size()}));
    out_.source_ = src_;
    advance();
    expr();
    if (tok_ != Token::kEnd)
      fail(tok_start_,
           concat({"expected an operator or the end of the expression, got ", describe()}));
    return std::move(out_);
  }

 private:
  // ---- tokens -------------------------------------------------------------
  void advance() {
    while (pos_ < src_.size() &&
           (src_[pos_] == ' ' || src_[pos_] == '\t' || src_[pos_] == '\n' || src_[pos_] == '\r'))
      ++pos_;
    tok_start_ = pos_;
    if (pos_ >= src_.size()) {
      tok_ = Token::kEnd;
      return;
    }
    const char c = src_[pos_];
    if (is_digit(c) || (c == '.' && pos_ + 1 < src_.size() && is_digit(src_[pos_ + 1])))
      return number();
    if (is_name_start(c)) {
      while (pos_ < src_.size() && is_name_char(src_[pos_])) ++pos_;
      tok_ = Token::kName;
      return;
    }
    ++pos_;
    switch (c) {
      case '+':
        tok_ = Token::kPlus;
        return;
      case '-':
        tok_ = Token::kMinus;
        return;
      case '(':
        tok_ = Token::kLParen;
        return;
      case ')':
        tok_ = Token::kRParen;
        return;
      case ',':
        tok_ = Token::kComma;
        return;
      case '*':
        if (pos_ < src_.size() && src_[pos_] == '*')
          ++pos_, tok_ = Token::kPower;
        else
          tok_ = Token::kStar;
        return;
      case '/':
        if (pos_ < src_.size() && src_[pos_] == '/')
          fail(tok_start_, "'//' is not supported (write floor(a / b))");
        tok_ = Token::kSlash;
        return;
      default:
        fail(tok_start_, concat({"unexpected character ", quote_char(c)}));
    }
  }

  // NUMBER := [0-9]+ ("." [0-9]*)? EXP? | "." [0-9]+ EXP?     EXP := [eE] [+-]? [0-9]+
  void number() {
    const size_t start = pos_;
    bool is_integer = true;
    while (pos_ < src_.size() && is_digit(src_[pos_])) ++pos_;
    if (pos_ < src_.size() && src_[pos_] == '.') {
      is_integer = false;
      ++pos_;
      while (pos_ < src_.size() && is_digit(src_[pos_])) ++pos_;
    }
    if (pos_ < src_.size() && (src_[pos_] == 'e' || src_[pos_] == 'E')) {
      is_integer = false;
      size_t p = pos_ + 1;
      if (p < src_.size() && (src_[p] == '+' || src_[p] == '-')) ++p;
      if (p >= src_.size() || !is_digit(src_[p])) {
        if (p == pos_ + 1 && p < src_.size() &&
            is_name_char(src_[p]))  // "2epoch": a name glued to a number
          fail(pos_, concat({"expected an operator after the number '",
                             src_.substr(start, pos_ - start), "', got ", quote_char(src_[pos_])}));
        fail(pos_, concat({"expected digits in the exponent of the number '",
                           src_.substr(start, p - start), "'"}));
      }
      while (p < src_.size() && is_digit(src_[p])) ++p;
      pos_ = p;
    }
    const std::string text = src_.substr(start, pos_ - start);
    // Python rejects "007" (an old-style octal); "0", "00", "0.5" and "00.5" are fine.
    if (is_integer && text.size() > 1 && text[0] == '0' &&
        text.find_first_not_of('0') != std::string::npos)
      fail(start, concat({"leading zeros are not allowed in the integer '", text, "'"}));
    if (pos_ < src_.size() && (is_name_char(src_[pos_]) || src_[pos_] == '.'))
      fail(pos_, concat({"expected an operator after the number '", text, "', got ",
                         quote_char(src_[pos_])}));
    // strtod in the "C" locale is correctly rounded, like Python's float(); huge literals become
    // inf.
    number_ = std::strtod(text.c_str(), nullptr);
    if (!std::isfinite(number_))
      fail(start, concat({"the number '", text, "' is too large for a double"}));
    tok_ = Token::kNumber;
  }

  // ---- grammar -------------------------------------------------------------
  void expr() {
    term();
    while (tok_ == Token::kPlus || tok_ == Token::kMinus) {
      const auto op = tok_ == Token::kPlus ? Expression::Op::kAdd : Expression::Op::kSubtract;
      const size_t col = tok_start_;
      advance();
      term();
      emit(op, col, 2);
    }
  }

  void term() {
    unary();
    while (tok_ == Token::kStar || tok_ == Token::kSlash) {
      const auto op = tok_ == Token::kStar ? Expression::Op::kMultiply : Expression::Op::kDivide;
      const size_t col = tok_start_;
      advance();
      unary();
      emit(op, col, 2);
    }
  }

  void unary() {
    if (++depth_ > Expression::kMaxDepth)
      fail(tok_start_, concat({"the expression is nested too deeply (more than ",
                               Expression::kMaxDepth, " levels)"}));
    if (tok_ == Token::kMinus) {
      const size_t col = tok_start_;
      advance();
      unary();
      emit(Expression::Op::kNegate, col, 1);
    } else {
      power();
    }
    --depth_;
  }

  void power() {
    atom();
    if (tok_ == Token::kPower) {
      const size_t col = tok_start_;
      advance();
      unary();  // right operand may carry a unary minus and is itself right-associative
      emit(Expression::Op::kPower, col, 2);
    }
  }

  void atom() {
    const size_t col = tok_start_;
    switch (tok_) {
      case Token::kNumber: {
        push_value(Expression::Op::kNumber, col, number_);
        advance();
        return;
      }
      case Token::kLParen: {
        advance();
        expr();
        if (tok_ != Token::kRParen)
          fail(tok_start_,
               concat({"expected ')' to close the '(' at column ", col + 1, ", got ", describe()}));
        advance();
        return;
      }
      case Token::kName:
        return name(col);
      case Token::kPlus:
        fail(col, "expected an expression, got '+' (there is no unary plus)");
      default:
        fail(col, concat({"expected an expression, got ", describe()}));
    }
  }

  void name(size_t col) {
    const std::string word = src_.substr(col, pos_ - col);
    if (word == variable_) {
      push_value(Expression::Op::kVariable, col, 0.0);
      advance();
      return;
    }
    if (word == "pi") {
      push_value(Expression::Op::kNumber, col, kPi);
      advance();
      return;
    }
    for (const Function& f : kFunctions) {
      if (word != f.name) continue;
      advance();
      if (tok_ != Token::kLParen)
        fail(tok_start_, concat({"expected '(' after the function name '", word, "'"}));
      advance();
      uint32_t args = 0;
      for (;;) {
        expr();
        ++args;
        if (tok_ != Token::kComma) break;
        advance();
      }
      if (tok_ != Token::kRParen) fail(tok_start_, "expected ')' after function arguments");
      if (f.variadic && args < 2)
        fail(col, concat({word, "() needs at least 2 arguments, got ", args}));
      if (!f.variadic && args != 1)
        fail(col, concat({word, "() takes exactly 1 argument, got ", args}));
      advance();
      emit(f.op, col, args);
      return;
    }
    std::string allowed = variable_ + ", pi";
    for (const Function& f : kFunctions) allowed += std::string(", ") + f.name;
    fail(col, concat({"unknown name '", word, "' (allowed: ", allowed, ")"}));
  }

  // ---- output ---------------------------------------------------------------
  void push_value(Expression::Op op, size_t col, double v) {
    Expression::Instruction ins{op, 0, static_cast<uint32_t>(col + 1), v};
    out_.program_.push_back(ins);
    if (++stack_ > out_.max_stack_) out_.max_stack_ = stack_;
  }

  void emit(Expression::Op op, size_t col, uint32_t operands) {
    Expression::Instruction ins{op, operands, static_cast<uint32_t>(col + 1), 0.0};
    out_.program_.push_back(ins);
    stack_ -= operands - 1;
  }

  std::string describe() const {
    switch (tok_) {
      case Token::kEnd:
        return "the end of the text";
      case Token::kNumber:
      case Token::kName:
        return "'" + src_.substr(tok_start_, pos_ - tok_start_) + "'";
      default:
        return "'" + src_.substr(tok_start_, pos_ - tok_start_) + "'";
    }
  }

  static std::string quote_char(char c) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x20 && u < 0x7f) return std::string("'") + c + "'";
    static const char* hex = "0123456789abcdef";
    return std::string("byte 0x") + hex[u >> 4] + hex[u & 15];
  }

  [[noreturn]] void fail(size_t offset, const std::string& what) const {
    throw_spec_error(path_, concat({"column ", offset + 1, ": ", what}));
  }

  const std::string& src_;
  const std::string& variable_;
  const std::string& path_;
  size_t pos_ = 0, tok_start_ = 0;
  Token tok_ = Token::kEnd;
  double number_ = 0.0;
  int depth_ = 0;
  size_t stack_ = 0;
  Expression out_;
};

Expression Expression::parse(const std::string& source, const std::string& variable,
                             const std::string& path) {
  return ExpressionParser(source, variable, path).parse();
}

}  // namespace lrlab
