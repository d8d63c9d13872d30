// The language's value types as Sema sees them.
#ifndef NDPC_AST_TYPE_H
#define NDPC_AST_TYPE_H

#include <cstdint>
#include <string>

namespace ndpc::ast {

/// A value type of the language (language.md section 2). `Error` marks an
/// expression whose type could not be determined; checks on it stay silent so one
/// mistake gives one diagnostic.
struct Type {
  enum Kind : uint8_t { Error, Bool, I32, F32, F64, Vector, Matrix, String };
  Kind kind = Error;
  uint32_t width = 0;  // Vector: number of f32 elements; Matrix: columns
  uint32_t rows = 0;   // Matrix (a param only): rows

  static Type error() { return {Error, 0, 0}; }
  static Type boolean() { return {Bool, 0}; }
  static Type i32() { return {I32, 0}; }
  static Type f32() { return {F32, 0}; }
  static Type f64() { return {F64, 0}; }
  static Type vec(uint32_t n) { return {Vector, n}; }
  static Type string() { return {String, 0}; }
  static Type matrix(uint32_t r, uint32_t c) { return {Matrix, c, r}; }

  bool isError() const { return kind == Error; }
  bool isScalar() const { return kind == Bool || kind == I32 || kind == F32 || kind == F64; }
  bool isNumericScalar() const { return kind == I32 || kind == F32 || kind == F64; }
  bool isFloatScalar() const { return kind == F32 || kind == F64; }
  bool isVector() const { return kind == Vector; }
  bool isMatrix() const { return kind == Matrix; }
  bool operator==(const Type &o) const { return kind == o.kind && width == o.width && rows == o.rows; }
  bool operator!=(const Type &o) const { return !(*this == o); }

  std::string str() const {
    switch (kind) {
    case Error: return "<error>";
    case Bool: return "bool";
    case I32: return "i32";
    case F32: return "f32";
    case F64: return "f64";
    case Vector: return "f32[" + std::to_string(width) + "]";
    case Matrix: return "f32[" + std::to_string(rows) + "][" + std::to_string(width) + "]";
    case String: return "string";
    }
    return "?";
  }
};

/// Rank of a numeric scalar in the widening order i32 -> f32 -> f64; -1 otherwise.
inline int wideningRank(Type t) {
  switch (t.kind) {
  case Type::I32: return 0;
  case Type::F32: return 1;
  case Type::F64: return 2;
  default: return -1;
  }
}

/// True when a value of type `from` may be used where `to` is expected without an
/// explicit conversion: only widening, and a scalar f32 (or narrower) broadcasts
/// into an f32 vector.
inline bool widensTo(Type from, Type to) {
  if (from.isError() || to.isError()) return true;
  if (from == to) return true;
  if (to.isVector()) return from.kind == Type::I32 || from.kind == Type::F32;
  int a = wideningRank(from), b = wideningRank(to);
  return a >= 0 && b >= 0 && a <= b;
}

} // namespace ndpc::ast

#endif
