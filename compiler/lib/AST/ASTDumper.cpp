// The `-emit=ast` printer (ASTDumper.h).
#include "ndpc/AST/ASTDumper.h"

#include <iomanip>
#include <sstream>

namespace ndpc::ast {

namespace {

class Dumper {
public:
  explicit Dumper(std::ostream &os) : os_(os) {}

  void file(const SourceFile &f) {
    for (const DeclPtr &d : f.decls) decl(*d);
  }

  void expr(const Expr &e) {
    line();
    switch (e.kind) {
    case ExprKind::IntLit: os_ << "Int " << static_cast<const IntLit &>(e).value; break;
    case ExprKind::FloatLit: os_ << "Float " << static_cast<const FloatLit &>(e).spelling; break;
    case ExprKind::BoolLit: os_ << "Bool " << (static_cast<const BoolLit &>(e).value ? "true" : "false"); break;
    case ExprKind::StringLit: os_ << "String " << quoted(static_cast<const StringLit &>(e).value); break;
    case ExprKind::Name: {
      auto &n = static_cast<const NameExpr &>(e);
      os_ << "Name '" << n.name << "'";
      ref(n.ref);
      break;
    }
    case ExprKind::Member: {
      auto &m = static_cast<const MemberExpr &>(e);
      os_ << "Member '" << m.member << "'";
      ref(m.ref);
      break;
    }
    case ExprKind::Index: os_ << "Index"; break;
    case ExprKind::Call: {
      auto &c = static_cast<const CallExpr &>(e);
      os_ << "Call '" << c.callee << "'" << (c.fn ? " fn" : c.builtin != Builtin::None ? " builtin" : "");
      break;
    }
    case ExprKind::Unary: os_ << "Unary '" << (static_cast<const UnaryExpr &>(e).op == UnaryOp::Neg ? "-" : "!") << "'"; break;
    case ExprKind::Binary: os_ << "Binary '" << binaryOpSpelling(static_cast<const BinaryExpr &>(e).op) << "'"; break;
    case ExprKind::Cond: os_ << "Cond"; break;
    }
    if (!e.type.isError()) os_ << " : " << e.type.str();
    if (e.hasRandom) os_ << " random";
    at(e.range);
    ++depth_;
    switch (e.kind) {
    case ExprKind::Member: expr(*static_cast<const MemberExpr &>(e).base); break;
    case ExprKind::Index: {
      auto &i = static_cast<const IndexExpr &>(e);
      expr(*i.base);
      expr(*i.index);
      break;
    }
    case ExprKind::Call:
      for (const CallArg &a : static_cast<const CallExpr &>(e).args) {
        if (!a.name.empty()) {
          line();
          os_ << "Arg '" << a.name << "'";
          at(a.nameRange);
          ++depth_;
          expr(*a.value);
          --depth_;
        } else {
          expr(*a.value);
        }
      }
      break;
    case ExprKind::Unary: expr(*static_cast<const UnaryExpr &>(e).operand); break;
    case ExprKind::Binary: {
      auto &b = static_cast<const BinaryExpr &>(e);
      expr(*b.lhs);
      expr(*b.rhs);
      break;
    }
    case ExprKind::Cond: {
      auto &c = static_cast<const CondExpr &>(e);
      expr(*c.cond);
      expr(*c.thenExpr);
      expr(*c.elseExpr);
      break;
    }
    default: break;
    }
    --depth_;
  }

  void setDepth(unsigned d) { depth_ = d; }

private:
  static std::string quoted(const std::string &s) {
    std::string out = "\"";
    for (char c : s) {
      if (c == '"' || c == '\\') out.push_back('\\');
      out.push_back(c);
    }
    return out + "\"";
  }

  void line() {
    for (unsigned i = 0; i < depth_; ++i) os_ << "  ";
  }
  void at(SourceRange r) { os_ << " <" << r.begin.line << ':' << r.begin.col << ">\n"; }

  void ref(const Ref &r) {
    if (r.kind == RefKind::None) return;
    os_ << " -> ";
    if (r.role != Role::Self) os_ << roleName(r.role) << ' ';
    os_ << refKindName(r.kind);
    if (r.instance) os_ << " of '" << r.instance->name << "'";
  }

  void child(const char *label, const Expr *e) {
    if (!e) return;
    line();
    os_ << label << '\n';
    ++depth_;
    expr(*e);
    --depth_;
  }

  void setting(const char *label, const Setting &s) {
    if (!s.present()) return;
    line();
    os_ << label;
    at(s.range);
    ++depth_;
    if (s.expr) expr(*s.expr);
    --depth_;
  }

  void typeRef(const std::optional<TypeRef> &t, Type resolved) {
    if (t) os_ << " : " << (resolved.isError() ? t->name : resolved.str());
    else if (!resolved.isError()) os_ << " : " << resolved.str();
  }

  void var(const char *kind, const VarDecl &v) {
    line();
    os_ << kind << " '" << v.name << "'";
    typeRef(v.typeRef, v.type);
    at(v.range);
    ++depth_;
    if (v.init) expr(*v.init);
    --depth_;
  }

  void block(const char *label, const Block &b) {
    line();
    os_ << label;
    at(b.range);
    ++depth_;
    for (const Stmt &s : b.stmts) {
      line();
      if (s.kind == Stmt::Split) {
        os_ << "Split";
        at(s.range);
        continue;
      }
      os_ << "Assign";
      at(s.range);
      ++depth_;
      expr(*s.lhs);
      expr(*s.rhs);
      --depth_;
    }
    --depth_;
  }

  void decl(const Decl &d) {
    line();
    switch (d.kind) {
    case DeclKind::Model:
      os_ << "Model '" << d.name << "'";
      at(d.range);
      return;
    case DeclKind::Import:
      os_ << "Import " << quoted(static_cast<const ImportDecl &>(d).path);
      at(d.range);
      return;
    case DeclKind::Param: {
      auto &p = static_cast<const ParamDecl &>(d);
      os_ << "Param '" << p.name << "' : " << (p.type.isError() ? p.typeRef.name : p.type.str());
      if (!p.file.empty()) os_ << " from \"" << p.file << "\"";
      at(d.range);
      ++depth_;
      if (p.init) expr(*p.init);
      --depth_;
      return;
    }
    case DeclKind::Fn: {
      auto &f = static_cast<const FnDecl &>(d);
      os_ << "Fn '" << f.name << "'";
      typeRef(f.retTypeRef, f.retType);
      at(d.range);
      ++depth_;
      for (const FnParam &p : f.params) {
        line();
        os_ << "FnParam '" << p.name << "'";
        typeRef(p.typeRef, p.type);
        at(p.range);
      }
      if (f.body) expr(*f.body);
      --depth_;
      return;
    }
    case DeclKind::Neuron: {
      auto &n = static_cast<const NeuronDecl &>(d);
      os_ << "Neuron '" << n.name << "'" << (n.isSpiking() ? " spiking" : "");
      at(d.range);
      ++depth_;
      for (auto &v : n.states) var("State", v);
      for (auto &v : n.inputs) var("Input", v);
      for (auto &v : n.channels) var("Channel", v);
      for (auto &v : n.outs) var("Out", v);
      if (n.onStep) block("OnStep", *n.onStep);
      if (n.spike) {
        line();
        os_ << "SpikeWhen";
        at(n.spike->range);
        ++depth_;
        expr(*n.spike->cond);
        if (n.spike->reset) block("Reset", *n.spike->reset);
        --depth_;
      }
      --depth_;
      return;
    }
    case DeclKind::Synapse: {
      auto &s = static_cast<const SynapseDecl &>(d);
      os_ << "Synapse '" << s.name << "'";
      at(d.range);
      ++depth_;
      for (auto &v : s.states) var("State", v);
      setting("Multiplicity", s.multiplicity);
      if (s.transmit) {
        line();
        os_ << "Transmit" << (s.transmit->channel.empty() ? "" : " '" + s.transmit->channel + "'");
        at(s.transmit->range);
        ++depth_;
        expr(*s.transmit->expr);
        --depth_;
      }
      if (s.onStep) block("OnStep", *s.onStep);
      --depth_;
      return;
    }
    case DeclKind::Population:
    case DeclKind::Memory: {
      auto &p = static_cast<const PopulationDecl &>(d);
      os_ << (d.kind == DeclKind::Memory ? "Memory '" : "Population '") << p.name << "' : "
          << p.typeName;
      at(d.range);
      ++depth_;
      setting("Size", p.size);
      setting("Max", p.max);
      setting("ImportanceDecay", p.decay);
      if (auto *m = dynDecl<MemoryDecl>(&d)) {
        child("KeyFrom", m->key.get());
        child("ValueTo", m->value.get());
        setting("Sparsity", m->sparsity);
        child("WriteWhen", m->writeCond.get());
      }
      --depth_;
      return;
    }
    case DeclKind::Project: {
      auto &p = static_cast<const ProjectDecl &>(d);
      os_ << "Project '" << p.pre << "' -> '" << p.post << "' : " << p.synapse << ' '
          << connectivityName(p.conn);
      at(d.range);
      ++depth_;
      if (p.connSetting.expr) expr(*p.connSetting.expr);
      --depth_;
      return;
    }
    case DeclKind::Attend: {
      auto &a = static_cast<const AttendDecl &>(d);
      os_ << "Attend '" << a.population << "' embedding '" << a.embedding << "' over '" << a.over << "'";
      at(d.range);
      ++depth_;
      setting("Heads", a.heads);
      setting("EdgeDim", a.edgeDim);
      setting("Every", a.every);
      setting("ConnectTopK", a.topk);
      child("When", a.topkCond.get());
      --depth_;
      return;
    }
    case DeclKind::Grow: {
      auto &g = static_cast<const GrowDecl &>(d);
      os_ << "Grow '" << g.name << "'";
      at(d.range);
      ++depth_;
      setting("Every", g.every);
      for (const RemoveRule &r : g.removes) {
        line();
        os_ << "Remove";
        at(r.range);
        ++depth_;
        expr(*r.cond);
        --depth_;
      }
      for (const DivideRule &r : g.divides) {
        line();
        os_ << "Divide" << (r.split ? " split" : "");
        at(r.range);
        ++depth_;
        expr(*r.cond);
        block("Body", *r.body);
        --depth_;
      }
      for (const ConnectRule &r : g.connects) {
        line();
        os_ << "Connect : " << r.synapse;
        at(r.range);
        ++depth_;
        expr(*r.cond);
        --depth_;
      }
      --depth_;
      return;
    }
    case DeclKind::Prune: {
      auto &p = static_cast<const PruneDecl &>(d);
      os_ << "Prune '" << p.name << "'";
      at(d.range);
      ++depth_;
      expr(*p.cond);
      setting("For", p.forSteps);
      --depth_;
      return;
    }
    case DeclKind::Run: {
      auto &r = static_cast<const RunDecl &>(d);
      os_ << "Run";
      at(d.range);
      ++depth_;
      setting("Seed", r.seed);
      setting("Steps", r.steps);
      setting("Dt", r.dt);
      for (const Feed &f : r.feeds) {
        line();
        os_ << "Feed";
        at(f.range);
        ++depth_;
        expr(*f.target);
        expr(*f.source);
        --depth_;
      }
      for (const Record &rec : r.records) {
        line();
        os_ << "Record";
        at(rec.range);
        ++depth_;
        expr(*rec.target);
        setting("Every", rec.every);
        expr(*rec.path);
        --depth_;
      }
      auto periodic = [&](const char *label, const std::optional<Periodic> &p) {
        if (!p) return;
        line();
        os_ << label;
        at(p->range);
        ++depth_;
        setting("Every", p->every);
        expr(*p->path);
        --depth_;
      };
      periodic("Snapshot", r.snapshot);
      periodic("Checkpoint", r.checkpoint);
      if (!r.report.empty()) {
        line();
        os_ << "Report\n";
        ++depth_;
        for (const ExprPtr &e : r.report) expr(*e);
        --depth_;
      }
      --depth_;
      return;
    }
    }
  }

  std::ostream &os_;
  unsigned depth_ = 0;
};

} // namespace

void dumpFile(const SourceFile &file, std::ostream &os) { Dumper(os).file(file); }

void dumpExpr(const Expr &e, std::ostream &os, unsigned indent) {
  Dumper d(os);
  d.setDepth(indent);
  d.expr(e);
}

} // namespace ndpc::ast
