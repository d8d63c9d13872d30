// The runtime's names for the model descriptor of the compiler/runtime
// contract (ndp/Descriptor.h, built as libndpcontract).
#ifndef NDPRT_DESCRIPTOR_H
#define NDPRT_DESCRIPTOR_H

#include "ndp/Descriptor.h"

namespace ndprt {

using ndpabi::ArrayParamDesc;
using ndpabi::AttendDesc;
using ndpabi::Binding;
using ndpabi::Connectivity;
using ndpabi::FeedDesc;
using ndpabi::GrowDesc;
using ndpabi::GrowRuleDesc;
using ndpabi::GrowRuleKind;
using ndpabi::SynapseOrigin;
using ndpabi::KernelDesc;
using ndpabi::KernelKind;
using ndpabi::LoadDesc;
using ndpabi::MemoryDesc;
using ndpabi::ModelDesc;
using ndpabi::ParamDesc;
using ndpabi::PopDesc;
using ndpabi::PopField;
using ndpabi::ProjDesc;
using ndpabi::ProjField;
using ndpabi::PruneDesc;
using ndpabi::RecordDesc;
using ndpabi::ReportDesc;
using ndpabi::RunDesc;
using ndpabi::ValueKind;
using ndpabi::VarDesc;
using ndpabi::kernelKindName;
using ndpabi::parseDescriptor;

} // namespace ndprt

#endif
