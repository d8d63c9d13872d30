// ndpc._ndpc: the Python module's native half. It loads a model's shared
// library (`ndpc compile --shared`) and calls its C API (ndp/abi.h); the
// Python half (ndpc/) adds names, shapes and the compile cache. Errors come
// back as ndpc's exceptions, by the C API's error kind.
#include "ndp/abi.h"

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <dlfcn.h>

#include <cstring>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace py = pybind11;

namespace {

/// An error of the C API, raised in Python as the class ndpc._errors picks for its kind.
struct NdpError {
  int kind;
  std::string message;
};

/// The C API of one loaded model library.
struct Library {
  decltype(&ndp_create) create;
  decltype(&ndp_create_error_kind) createErrorKind;
  decltype(&ndp_run) run;
  decltype(&ndp_current_step) currentStep;
  decltype(&ndp_values) values;
  decltype(&ndp_set_values) setValues;
  decltype(&ndp_info) info;
  decltype(&ndp_get_param) getParam;
  decltype(&ndp_set_param) setParam;
  decltype(&ndp_get_param_array) getParamArray;
  decltype(&ndp_set_param_array) setParamArray;
  decltype(&ndp_arrays) arrays;
  decltype(&ndp_report) report;
  decltype(&ndp_snapshot) snapshot;
  decltype(&ndp_checkpoint) checkpoint;
  decltype(&ndp_finish) finish;
  decltype(&ndp_last_error) lastError;
  decltype(&ndp_last_error_kind) lastErrorKind;
  decltype(&ndp_destroy) destroy;
  std::string path;

  explicit Library(const std::string &file) : path(file) {
    // Never unloaded: the runtime inside keeps thread-local state, and
    // simulators may outlive the Python object that loaded it.
    void *h = dlopen(file.c_str(), RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
    if (!h) throw NdpError{NDP_ERR_FAULT, std::string("cannot load the model library: ") + dlerror()};
    auto get = [&](auto &fn, const char *name) {
      fn = reinterpret_cast<std::remove_reference_t<decltype(fn)>>(dlsym(h, name));
      if (!fn)
        throw NdpError{NDP_ERR_FAULT, "'" + file + "' has no '" + name +
                                          "': it is not a model library of this ndpc (compile it again)"};
    };
    get(create, "ndp_create");
    get(createErrorKind, "ndp_create_error_kind");
    get(run, "ndp_run");
    get(currentStep, "ndp_current_step");
    get(values, "ndp_values");
    get(setValues, "ndp_set_values");
    get(info, "ndp_info");
    get(getParam, "ndp_get_param");
    get(setParam, "ndp_set_param");
    get(getParamArray, "ndp_get_param_array");
    get(setParamArray, "ndp_set_param_array");
    get(arrays, "ndp_arrays");
    get(report, "ndp_report");
    get(snapshot, "ndp_snapshot");
    get(checkpoint, "ndp_checkpoint");
    get(finish, "ndp_finish");
    get(lastError, "ndp_last_error");
    get(lastErrorKind, "ndp_last_error_kind");
    get(destroy, "ndp_destroy");
  }
};

/// One simulator. Calls on it are serialised: a second thread calling while
/// one runs is told so rather than racing it.
class Sim {
public:
  Sim(std::shared_ptr<Library> lib, const std::vector<std::string> &args) : lib_(std::move(lib)) {
    std::vector<const char *> argv{"model"};
    for (const std::string &a : args) argv.push_back(a.c_str());
    const char *error = nullptr;
    sim_ = lib_->create(static_cast<int>(argv.size()), argv.data(), &error);
    if (!sim_) throw NdpError{lib_->createErrorKind(), error ? error : "the simulator could not be made"};
  }
  ~Sim() {
    if (sim_) lib_->destroy(sim_);
  }

  void close() {
    std::unique_lock<std::mutex> lock(mutex_, std::try_to_lock);
    if (!lock.owns_lock())
      throw NdpError{NDP_ERR_USAGE, "this simulator is busy in another thread; close it when that call returns"};
    if (sim_) lib_->destroy(sim_);
    sim_ = nullptr;
  }

  void run(int64_t steps) {
    std::unique_lock<std::mutex> lock = hold();
    int rc;
    {
      py::gil_scoped_release free;
      rc = lib_->run(sim_, steps);
    }
    check(rc);
  }

  int64_t step() {
    std::unique_lock<std::mutex> lock = hold();
    return lib_->currentStep(sim_);
  }

  py::array_t<float> get(const std::string &pop, const std::string &name) {
    std::unique_lock<std::mutex> lock = hold();
    int64_t n = 0;
    const float *v = lib_->values(sim_, pop.c_str(), name.c_str(), &n);
    if (!v) failed();
    py::array_t<float> out(n);
    if (n) std::memcpy(out.mutable_data(), v, static_cast<size_t>(n) * sizeof(float));
    return out;
  }

  void set(const std::string &pop, const std::string &name,
           py::array_t<float, py::array::c_style | py::array::forcecast> values) {
    std::unique_lock<std::mutex> lock = hold();
    check(lib_->setValues(sim_, pop.c_str(), name.c_str(), values.data(), static_cast<int64_t>(values.size())));
  }

  std::string info() { return text(lib_->info); }

  double getParam(const std::string &name) {
    std::unique_lock<std::mutex> lock = hold();
    double v = 0;
    check(lib_->getParam(sim_, name.c_str(), &v));
    return v;
  }

  void setParam(const std::string &name, double value) {
    std::unique_lock<std::mutex> lock = hold();
    check(lib_->setParam(sim_, name.c_str(), value));
  }

  /// A copy of an array param's values, flat (Python gives them their shape).
  py::array_t<float> getParamArray(const std::string &name) {
    std::unique_lock<std::mutex> lock = hold();
    int64_t n = 0;
    const float *v = lib_->getParamArray(sim_, name.c_str(), &n);
    if (!v) failed();
    py::array_t<float> out(n);
    if (n) std::memcpy(out.mutable_data(), v, static_cast<size_t>(n) * sizeof(float));
    return out;
  }

  void setParamArray(const std::string &name, py::array_t<float, py::array::c_style | py::array::forcecast> values) {
    std::unique_lock<std::mutex> lock = hold();
    check(lib_->setParamArray(sim_, name.c_str(), values.data(), static_cast<int64_t>(values.size())));
  }

  /// name -> NumPy array ([rows] or [rows, width]), in the C API's order.
  py::list arrays(const std::string &kind, const std::string &name) {
    std::unique_lock<std::mutex> lock = hold();
    const ndp_array *a = nullptr;
    int64_t count = 0;
    check(lib_->arrays(sim_, kind.c_str(), name.c_str(), &a, &count));
    py::list out;
    for (int64_t i = 0; i < count; ++i) {
      py::dtype dt(a[i].dtype);
      std::vector<py::ssize_t> shape{static_cast<py::ssize_t>(a[i].rows)};
      if (a[i].width > 1) shape.push_back(static_cast<py::ssize_t>(a[i].width));
      py::array arr(dt, shape);
      const size_t bytes = static_cast<size_t>(arr.nbytes());
      if (bytes) std::memcpy(arr.mutable_data(), a[i].data, bytes);
      out.append(py::make_tuple(a[i].name, arr));
    }
    return out;
  }

  std::string report() { return text(lib_->report); }

  void snapshot(const std::string &dir) {
    std::unique_lock<std::mutex> lock = hold();
    check(lib_->snapshot(sim_, dir.c_str()));
  }

  void checkpoint(const std::string &path) {
    std::unique_lock<std::mutex> lock = hold();
    int rc;
    {
      py::gil_scoped_release free;
      rc = lib_->checkpoint(sim_, path.c_str());
    }
    check(rc);
  }

  std::string finish() { return text(lib_->finish); }

private:
  /// A call that returns text (JSON or the report), null on failure.
  std::string text(const char *(*call)(ndp_sim *)) {
    std::unique_lock<std::mutex> lock = hold();
    const char *t = call(sim_);
    if (!t) failed();
    return t;
  }
  std::unique_lock<std::mutex> hold() {
    std::unique_lock<std::mutex> lock(mutex_, std::try_to_lock);
    if (!lock.owns_lock())
      throw NdpError{NDP_ERR_USAGE, "this simulator is busy in another thread; use one simulator per thread"};
    if (!sim_) throw NdpError{NDP_ERR_USAGE, "this simulator is closed"};
    return lock;
  }
  [[noreturn]] void failed() { throw NdpError{lib_->lastErrorKind(sim_), lib_->lastError(sim_)}; }
  void check(int rc) {
    if (rc != NDP_OK) failed();
  }

  std::shared_ptr<Library> lib_;
  ndp_sim *sim_ = nullptr;
  std::mutex mutex_;
};

} // namespace

PYBIND11_MODULE(_ndpc, m) {
  m.doc() = "ndpc's native half: loads compiled model libraries and calls their C API";
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const NdpError &e) {
      py::object cls = py::module_::import("ndpc._errors").attr("error_class")(e.kind);
      PyErr_SetObject(cls.ptr(), py::str(e.message).ptr());
    }
  });
  m.attr("ERR_FAULT") = static_cast<int>(NDP_ERR_FAULT);
  m.attr("ERR_NAME") = static_cast<int>(NDP_ERR_NAME);
  m.attr("ERR_VALUE") = static_cast<int>(NDP_ERR_VALUE);
  m.attr("ERR_USAGE") = static_cast<int>(NDP_ERR_USAGE);
  py::class_<Library, std::shared_ptr<Library>>(m, "Library")
      .def(py::init<const std::string &>())
      .def_readonly("path", &Library::path);
  py::class_<Sim>(m, "Sim")
      .def(py::init<std::shared_ptr<Library>, const std::vector<std::string> &>())
      .def("run", &Sim::run)
      .def("step", &Sim::step)
      .def("get", &Sim::get)
      .def("set", &Sim::set)
      .def("info", &Sim::info)
      .def("get_param", &Sim::getParam)
      .def("set_param", &Sim::setParam)
      .def("get_param_array", &Sim::getParamArray)
      .def("set_param_array", &Sim::setParamArray)
      .def("arrays", &Sim::arrays)
      .def("report", &Sim::report)
      .def("snapshot", &Sim::snapshot)
      .def("checkpoint", &Sim::checkpoint)
      .def("finish", &Sim::finish)
      .def("close", &Sim::close);
}
