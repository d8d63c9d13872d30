// The ndp dialect's enums (roles, value kinds, connectivity, ...) and attributes.
#ifndef NDPC_DIALECT_NDP_IR_NDPATTRS_TD
#define NDPC_DIALECT_NDP_IR_NDPATTRS_TD

include "ndpc/Dialect/NDP/IR/NDPDialect.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"

//===----------------------------------------------------------------------===//
// Enums
//===----------------------------------------------------------------------===//

def NDP_Role : I32EnumAttr<"Role", "whose value an element region reads", [
    I32EnumAttrCase<"Self", 0, "self">,
    I32EnumAttrCase<"Pre", 1, "pre">,
    I32EnumAttrCase<"Post", 2, "post">,
    I32EnumAttrCase<"Parent", 3, "parent">,
    I32EnumAttrCase<"A", 4, "a">,
    I32EnumAttrCase<"B", 5, "b">]> {
  let cppNamespace = "::ndpc::ndp";
  let genSpecializedAttr = 0;
}
def NDP_RoleAttr : EnumAttr<NDP_Dialect, NDP_Role, "role">;

def NDP_ValueKind : I32EnumAttr<"ValueKind", "what kind of element value is read", [
    I32EnumAttrCase<"State", 0, "state">,
    I32EnumAttrCase<"Input", 1, "input">,
    I32EnumAttrCase<"Channel", 2, "channel">,
    I32EnumAttrCase<"Out", 3, "out">,
    I32EnumAttrCase<"Importance", 4, "importance">,
    I32EnumAttrCase<"Spiked", 5, "spiked">]> {
  let cppNamespace = "::ndpc::ndp";
  let genSpecializedAttr = 0;
}
def NDP_ValueKindAttr : EnumAttr<NDP_Dialect, NDP_ValueKind, "value_kind">;

def NDP_Clock : I32EnumAttr<"Clock", "the simulation clock", [
    I32EnumAttrCase<"Step", 0, "step">,
    I32EnumAttrCase<"Time", 1, "time">]> {
  let cppNamespace = "::ndpc::ndp";
  let genSpecializedAttr = 0;
}
def NDP_ClockAttr : EnumAttr<NDP_Dialect, NDP_Clock, "clock">;

def NDP_Distribution : I32EnumAttr<"Distribution", "a random distribution", [
    I32EnumAttrCase<"Uniform", 0, "uniform">,
    I32EnumAttrCase<"Normal", 1, "normal">,
    I32EnumAttrCase<"Bernoulli", 2, "bernoulli">]> {
  let cppNamespace = "::ndpc::ndp";
  let genSpecializedAttr = 0;
}
def NDP_DistributionAttr : EnumAttr<NDP_Dialect, NDP_Distribution, "distribution">;

def NDP_Connectivity : I32EnumAttr<"Connectivity", "how a projection chooses pairs", [
    I32EnumAttrCase<"All", 0, "all">,
    I32EnumAttrCase<"OneToOne", 1, "one_to_one">,
    I32EnumAttrCase<"Fanin", 2, "fanin">,
    I32EnumAttrCase<"Prob", 3, "p">,
    I32EnumAttrCase<"File", 4, "from">,
    I32EnumAttrCase<"None", 5, "none">]> {
  let cppNamespace = "::ndpc::ndp";
  let genSpecializedAttr = 0;
}
def NDP_ConnectivityAttr : EnumAttr<NDP_Dialect, NDP_Connectivity, "connectivity">;

//===----------------------------------------------------------------------===//
// Attributes
//===----------------------------------------------------------------------===//

def NDP_VarAttr : AttrDef<NDP_Dialect, "Var"> {
  let mnemonic = "var";
  let summary = "a named, typed per-element variable (a state or an out)";
  let description = [{
    `#ndp.var<"v" : f32>` declares one variable of a neuron or synapse type.
    The order of the vars in a type is the order of the values its regions yield.
  }];
  let parameters = (ins StringRefParameter<"the variable's name">:$name,
                        "::mlir::Type":$type);
  let assemblyFormat = "`<` $name `:` $type `>`";
}

def NDP_VarArrayAttr : TypedArrayAttrBase<NDP_VarAttr, "array of #ndp.var">;

#endif
