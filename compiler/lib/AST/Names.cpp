// Names of AST enums for dumps and diagnostics.
#include "ndpc/AST/Decl.h"

namespace ndpc::ast {

const char *roleName(Role r) {
  switch (r) {
  case Role::Self: return "self";
  case Role::Pre: return "pre";
  case Role::Post: return "post";
  case Role::Parent: return "parent";
  case Role::Child: return "child";
  case Role::A: return "a";
  case Role::B: return "b";
  }
  return "?";
}

std::string refKindWithArticle(RefKind k) {
  std::string name = refKindName(k);
  return (std::string("aeiou").find(name[0]) != std::string::npos ? "an " : "a ") + name;
}

const char *refKindName(RefKind k) {
  switch (k) {
  case RefKind::None: return "none";
  case RefKind::Param: return "param";
  case RefKind::FnParam: return "fn-param";
  case RefKind::State: return "state";
  case RefKind::Input: return "input";
  case RefKind::Channel: return "channel";
  case RefKind::Out: return "out";
  case RefKind::Importance: return "importance";
  case RefKind::Spiked: return "spiked";
  case RefKind::Step: return "step";
  case RefKind::Time: return "time";
  case RefKind::Novelty: return "novelty";
  case RefKind::Score: return "score";
  case RefKind::RoleBase: return "role";
  case RefKind::Population: return "population";
  case RefKind::SynapseType: return "synapse-type";
  }
  return "?";
}

const char *binaryOpSpelling(BinaryOp op) {
  switch (op) {
  case BinaryOp::Add: return "+";
  case BinaryOp::Sub: return "-";
  case BinaryOp::Mul: return "*";
  case BinaryOp::Div: return "/";
  case BinaryOp::Rem: return "%";
  case BinaryOp::MatVec: return "@";
  case BinaryOp::Lt: return "<";
  case BinaryOp::Le: return "<=";
  case BinaryOp::Gt: return ">";
  case BinaryOp::Ge: return ">=";
  case BinaryOp::Eq: return "==";
  case BinaryOp::Ne: return "!=";
  case BinaryOp::And: return "and";
  case BinaryOp::Or: return "or";
  }
  return "?";
}

const char *declKindName(DeclKind k) {
  switch (k) {
  case DeclKind::Model: return "model";
  case DeclKind::Import: return "import";
  case DeclKind::Param: return "param";
  case DeclKind::Fn: return "fn";
  case DeclKind::Neuron: return "neuron";
  case DeclKind::Synapse: return "synapse";
  case DeclKind::Population: return "population";
  case DeclKind::Memory: return "memory";
  case DeclKind::Project: return "project";
  case DeclKind::Attend: return "attend";
  case DeclKind::Grow: return "grow";
  case DeclKind::Prune: return "prune";
  case DeclKind::Run: return "run";
  }
  return "?";
}

const char *connectivityName(Connectivity c) {
  switch (c) {
  case Connectivity::None: return "none";
  case Connectivity::All: return "all";
  case Connectivity::OneToOne: return "one_to_one";
  case Connectivity::Fanin: return "fanin";
  case Connectivity::Prob: return "p";
  case Connectivity::From: return "from";
  }
  return "?";
}

} // namespace ndpc::ast
