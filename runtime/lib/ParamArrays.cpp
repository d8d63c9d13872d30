// The params that are arrays: a model's vector and matrix params (their first
// values: a fill, a seeded draw or a .npy file), the attend blocks' weights
// (`attend<k>/NAME`), and `--param-file FILE.npz`, which sets any of them and
// the scalar params by name (Simulator.h).
#include "Simulator.h"

#include "Error.h"
#include "Format.h"
#include "Npy.h"
#include "Rng.h"
#include "Zip.h"

#include "ndpc/Basic/Suggest.h"

#include <cmath>

namespace ndprt {

namespace {

/// "f32[3][4]" for a shape.
std::string typeText(const std::vector<int64_t> &shape) {
  std::string t = "f32";
  for (int64_t d : shape) t += "[" + std::to_string(d) + "]";
  return t;
}

} // namespace

std::vector<ParamArray> Simulator::paramArrays() {
  std::vector<ParamArray> out;
  for (size_t i = 0; i < desc_.arrayParams.size(); ++i) {
    const ArrayParamDesc &a = desc_.arrayParams[i];
    std::vector<int64_t> shape{a.rows};
    if (a.cols > 0) shape.push_back(a.cols);
    std::vector<float> &v = kernels_->arrays[i];
    out.push_back({a.name, shape, v.data(), v.size()});
  }
  for (size_t k = 0; k < attentions_.size(); ++k) {
    AttentionParams &p = attentions_[k]->params;
    for (const AttentionParams::Entry &e : p.layout()) {
      std::vector<int64_t> shape{e.rows};
      if (e.matrix) shape.push_back(e.cols);
      out.push_back({"attend" + std::to_string(k) + "/" + e.name, shape, p.data.data() + e.offset,
                     static_cast<size_t>(e.rows) * static_cast<size_t>(e.cols)});
    }
  }
  return out;
}

ParamArray Simulator::paramArray(const std::string &name) {
  std::vector<ParamArray> all = paramArrays();
  for (ParamArray &a : all)
    if (a.name == name) return a;
  std::vector<std::string> names;
  for (const ParamDesc &p : desc_.params) names.push_back(p.name);
  for (ParamArray &a : all) names.push_back(a.name);
  throw unknownParam(name, names);
}

NameFault unknownParam(const std::string &name, const std::vector<std::string> &names) {
  if (names.empty()) return NameFault("unknown param '" + name + "'; this model has no params");
  std::string close = ndpc::closestName(name, names);
  return NameFault("unknown param '" + name + "'" + (close.empty() ? "" : " (did you mean '" + close + "'?)") +
                   "; the params are: " + joinNames(names));
}

void Simulator::setParamArray(const std::string &name, const float *values, int64_t count) {
  ParamArray a = paramArray(name);
  if (count != static_cast<int64_t>(a.size))
    throw ValueFault("param '" + name + "' is " + typeText(a.shape) + " (" + std::to_string(a.size) +
                     " values), not " + std::to_string(count) + " values");
  for (int64_t i = 0; i < count; ++i)
    if (!std::isfinite(values[i]))
      throw ValueFault("param '" + name + "' gets a value that is not finite at element " + std::to_string(i));
  std::copy(values, values + count, a.data);
}

void Simulator::initArrayParams() {
  // Draws keyed like the kernels' (docs/design.md, "Random numbers"): entity
  // kind 8, the param's index, the element; site = the runtime's param site.
  const Draw draw{seed_, kSiteParam};
  for (size_t i = 0; i < desc_.arrayParams.size(); ++i) {
    const ArrayParamDesc &a = desc_.arrayParams[i];
    std::vector<float> &v = kernels_->arrays[i];
    const uint64_t group = (uint64_t(kEntityParam) << 32) | i;
    switch (a.init) {
    case ArrayParamDesc::Init::Fill: std::fill(v.begin(), v.end(), static_cast<float>(a.a)); break;
    case ArrayParamDesc::Init::Uniform:
      for (size_t e = 0; e < v.size(); ++e)
        v[e] = static_cast<float>(a.a + (a.b - a.a) * draw.unit(~uint64_t(0), group, e, 0));
      break;
    case ArrayParamDesc::Init::Normal:
      for (size_t e = 0; e < v.size(); ++e) {
        uint64_t w[4];
        draw.words(~uint64_t(0), group, e, 0, w);
        double u1 = (static_cast<double>(w[0] >> 11) + 1.0) * 0x1p-53, u2 = static_cast<double>(w[1] >> 11) * 0x1p-53;
        v[e] = static_cast<float>(a.a + a.b * std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2));
      }
      break;
    case ArrayParamDesc::Init::File: {
      const std::string path = resolvePath(opts_.inputDir(), a.file);
      NpyArray x = readNpy(path);
      std::vector<int64_t> want{a.rows};
      if (a.cols > 0) want.push_back(a.cols);
      if (x.shape != want)
        throw Fault("'" + path + "' has shape " + shapeString(x.shape) + ", but param '" + a.name + "' is " +
                    typeText(want) + " (shape " + shapeString(want) + ")");
      for (size_t e = 0; e < v.size(); ++e) {
        if (!std::isfinite(x.data[e]) || std::fabs(x.data[e]) > 3.4028234663852886e38)
          throw Fault("'" + path + "' gives param '" + a.name + "' a value that is not a finite f32 at element " +
                      std::to_string(e));
        v[e] = static_cast<float>(x.data[e]);
      }
      break;
    }
    }
  }
}

void Simulator::readParamFiles() {
  for (const std::string &file : opts_.paramFiles) {
    const std::string bytes = readFile(file, "param file");
    for (ZipEntry &z : readZip(bytes, file)) {
      std::string name = z.name;
      if (name.size() > 4 && name.compare(name.size() - 4, 4, ".npy") == 0) name.resize(name.size() - 4);
      paramFile_.push_back({name, file, parseNpy(z.data, file + ":" + z.name)});
    }
  }
}

void Simulator::applyParamFiles(bool attention) {
  for (const ParamFileEntry &p : paramFile_) {
    const bool isAttention = p.name.rfind("attend", 0) == 0 && p.name.find('/') != std::string::npos;
    if (isAttention != attention) continue;
    const std::string where = "--param-file " + p.file + ": ";
    bool scalar = false;
    for (const ParamDesc &d : desc_.params) scalar = scalar || d.name == p.name;
    try {
      if (scalar) {
        if (p.value.elements() != 1)
          throw ValueFault("param '" + p.name + "' is a single " +
                           desc_.params[paramIndex(p.name)].type + ", but the file gives shape " +
                           shapeString(p.value.shape));
        setParam(p.name, p.value.data[0]);
        continue;
      }
      ParamArray a = paramArray(p.name);
      if (p.value.shape != a.shape)
        throw ValueFault("param '" + p.name + "' is " + typeText(a.shape) + " (shape " + shapeString(a.shape) +
                         "), but the file gives shape " + shapeString(p.value.shape));
      std::vector<float> v(p.value.data.begin(), p.value.data.end());
      setParamArray(p.name, v.data(), static_cast<int64_t>(v.size()));
    } catch (const NameFault &e) {
      throw NameFault(where + e.what());
    } catch (const ValueFault &e) {
      throw ValueFault(where + e.what());
    }
  }
}

} // namespace ndprt
