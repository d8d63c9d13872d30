// Everything after Sema: MLIRGen, the ndp passes, lowering, LLVM, the object
// file and the link against the runtime.
#include "ndpc/Driver/Codegen.h"

#include "ndpc/Basic/Paths.h"
#include "ndpc/Config.h"
#include "ndpc/Basic/Diagnostics.h"
#include "ndpc/Basic/SourceManager.h"
#include "ndpc/MLIRGen/MLIRGen.h"
#include "ndpc/Pipelines/Pipelines.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/Pass/PassManager.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdio>
#include <iostream>
#include <unistd.h>

namespace ndpc {

namespace {

/// Where libndprt.a lives: next to the ndpc binary's lib folder (build or install tree).
std::string runtimeDir(const char *argv0) {
  std::string exe = llvm::sys::fs::getMainExecutable(argv0, reinterpret_cast<void *>(&runtimeDir));
  std::string bin = dirName(exe);
  for (const std::string &d : {bin + "/../lib", bin + "/../lib/ndpc"})
    if (isRegularFile(d + "/libndprt.a")) return d;
  return bin + "/../lib";
}

/// The GPU generation PTX is made for (NVIDIA Hopper, the project's GPU machines).
constexpr const char *kGPUChip = "sm_90";

int fail(const std::string &msg) {
  std::cerr << "ndpc: error: " << msg << "\n";
  return 1;
}

int link(const std::string &object, const DriverOptions &opts, const char *argv0) {
  std::string rt = runtimeDir(argv0);
  if (!isRegularFile(rt + "/libndprt.a"))
    return fail("cannot find the runtime library libndprt.a (looked in " + rt + "); build the 'ndprt' target");
  auto cxx = llvm::sys::findProgramByName("c++");
  if (!cxx) return fail("cannot find a C++ linker ('c++') on PATH; install g++");
  std::string tmpOut = opts.output + ".tmp." + std::to_string(::getpid());
  std::vector<std::string> args{*cxx, object};
  if (opts.shared) {
    // The whole runtime, so that its C API (ndp_create, ...) is exported.
    // -Bsymbolic: the library calls its own runtime even where another
    // model's library, loaded into the same process, exports the same names.
    for (std::string a : {std::string("-shared"), std::string("-Wl,-Bsymbolic"), std::string("-Wl,--whole-archive"),
                          rt + "/libndprt.a", std::string("-Wl,--no-whole-archive")})
      args.push_back(a);
  } else {
    args.push_back(rt + "/libndprt_main.a");
    args.push_back(rt + "/libndprt.a");
  }
  // The emulation entries must be visible to dlsym (docs/gpu.md).
  if (opts.gpuEmulation) args.push_back("-rdynamic");
  for (const std::string &a : {std::string("-L") + NDPC_LLVM_LIBRARY_DIR, std::string("-lomp"),
                               std::string("-Wl,-rpath,") + NDPC_LLVM_LIBRARY_DIR, std::string("-lm"),
                               std::string("-lpthread")})
    args.push_back(a);
  args.push_back("-o");
  args.push_back(tmpOut);
  std::vector<llvm::StringRef> refs(args.begin(), args.end());
  std::string err;
  int rc = llvm::sys::ExecuteAndWait(*cxx, refs, std::nullopt, {}, 0, 0, &err);
  if (rc != 0) {
    std::remove(tmpOut.c_str());
    return fail("linking failed" + (err.empty() ? "" : ": " + err));
  }
  if (std::rename(tmpOut.c_str(), opts.output.c_str()) != 0) {
    std::remove(tmpOut.c_str());
    return fail("cannot write '" + opts.output + "'");
  }
  return 0;
}

} // namespace

int runCodegen(const ast::Program &prog, const DriverOptions &opts, SourceManager &sm, const char *argv0) {
  const bool gpu = opts.target == "gpu";
  mlir::MLIRContext ctx;
  ctx.printOpOnDiagnostic(false);  // users get the model's line, not the IR
  if (gpu) loadGPUPipelineDialects(ctx);
  else loadPipelineDialects(ctx);

  // MLIR diagnostics (verifier, passes) print as FILE:LINE:COL with the line and a caret.
  llvm::SourceMgr srcMgr;
  for (uint32_t f = 1; f <= sm.numFiles(); ++f)
    srcMgr.AddNewSourceBuffer(llvm::MemoryBuffer::getMemBufferCopy(sm.text(f), sm.path(f)), llvm::SMLoc());
  mlir::SourceMgrDiagnosticHandler handler(srcMgr, &ctx, llvm::errs());

  DiagnosticEngine diags(sm, std::cerr);
  mlir::OwningOpRef<mlir::ModuleOp> module = buildModule(ctx, prog, sm, diags);
  if (!module) return 1;

  PipelineOptions popts;
  popts.optLevel = opts.optLevel;
  auto run = [&](mlir::ModuleOp m, auto addPasses) {
    mlir::PassManager pm(&ctx);
    addPasses(pm);
    return mlir::succeeded(pm.run(m));
  };
  auto print = [&](mlir::ModuleOp m) {
    std::string text;
    llvm::raw_string_ostream os(text);
    mlir::OpPrintingFlags flags;
    if (opts.printLocations) flags.enableDebugInfo(/*enable=*/true, /*prettyForm=*/false).useLocalScope();
    m.print(os, flags);
    return text;
  };
  auto output = [&](const std::string &text) {
    if (opts.output.empty() || opts.output == "-") {
      std::cout << text;
      return 0;
    }
    std::string err;
    return writeFileAtomically(opts.output, text, err) ? 0 : fail(err);
  };

  if (!run(*module, [&](mlir::PassManager &pm) { addNDPPasses(pm, popts); })) return 1;
  if (opts.emit == "ndp") return output(print(*module));
  // --target=gpu: the program has the CPU kernels and the GPU ones (launches
  // of PTX), and '--device' chooses at run time (docs/gpu.md).
  mlir::OwningOpRef<mlir::ModuleOp> gpuModule;
  if (gpu) {
    gpuModule = module->clone();
    auto gpuKernels = [&](mlir::PassManager &pm) { addKernelLowering(pm, /*elementChunk=*/1, /*eventGather=*/true); };
    if (!run(*gpuModule, gpuKernels)) return 1;
    if (opts.emit == "lowered") return output(print(*gpuModule));
    if (!run(*gpuModule, [&](mlir::PassManager &pm) { addGPULowering(pm, kGPUChip, opts.gpuEmulation); })) return 1;
    if (!checkGPULaunchParams(*gpuModule)) return 1;
    if (opts.emit == "ptx") {
      std::string text;
      for (auto &[name, ptx] : collectPTX(*gpuModule)) text += "// ndpc kernel " + name + "\n" + ptx + "\n";
      return output(text);
    }
    if (!run(*gpuModule, [&](mlir::PassManager &pm) { addGPUHostLowering(pm, opts.gpuEmulation); })) return 1;
    if (opts.emit == "llvm-dialect") return output(print(*gpuModule));
  }
  if (!run(*module, [&](mlir::PassManager &pm) { addKernelLowering(pm, kCPUElementChunk, /*eventGather=*/gpu); })) return 1;
  if (opts.emit == "lowered") return output(print(*module));
  if (!run(*module, [&](mlir::PassManager &pm) { addLLVMLowering(pm); })) return 1;
  if (opts.emit == "llvm-dialect") return output(print(*module));

  std::string error;
  std::unique_ptr<llvm::TargetMachine> tm = createHostTargetMachine(opts.optLevel, error);
  if (!tm) return fail(error);
  llvm::LLVMContext llvmCtx;
  std::unique_ptr<llvm::Module> llvmModule = translateForHost(*module, llvmCtx, *tm);
  if (!llvmModule) return fail("translation to LLVM IR failed");
  if (gpu) {
    std::unique_ptr<llvm::Module> gpuLLVM = translateForHost(*gpuModule, llvmCtx, *tm);
    if (!gpuLLVM) return fail("translation of the GPU launches to LLVM IR failed");
    if (!linkGPUModule(*llvmModule, std::move(gpuLLVM), error)) return fail(error);
  }
  if (!optimizeModule(*llvmModule, *tm, opts.optLevel)) return fail("LLVM optimization failed");
  if (opts.emit == "llvm-ir") {
    std::string text;
    llvm::raw_string_ostream os(text);
    llvmModule->print(os, nullptr);
    return output(text);
  }
  std::string code;
  if (!emitMachineCode(*llvmModule, *tm, opts.emit == "asm", code, error)) return fail(error);
  if (opts.emit == "asm") return output(code);
  if (opts.emit == "obj") {
    if (opts.output.empty()) return fail("-emit=obj writes a file: give it with -o FILE.o");
    return output(code);
  }

  // A program (or shared library): the object goes to a temporary file for the linker.
  llvm::SmallString<128> objPath;
  if (llvm::sys::fs::createTemporaryFile("ndpc-model", "o", objPath)) return fail("cannot create a temporary file");
  std::string objFile(objPath.str());
  if (!writeFileAtomically(objFile, code, error)) return fail(error);
  int rc = link(objFile, opts, argv0);
  std::remove(objFile.c_str());
  return rc;
}

} // namespace ndpc
