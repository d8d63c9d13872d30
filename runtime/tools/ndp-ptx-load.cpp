// ndp-ptx-load FILE: loads every kernel module of `ndpc --target=gpu -emit=ptx`
// output onto GPU 0 through the CUDA driver (which JIT-compiles the PTX) and
// looks up its entry. The check that the PTX ndpc makes runs on the device
// there is; exits 2 with the reason where there is no driver or device.
#include "gpu/CudaDriver.h"

#include <fstream>
#include <iostream>
#include <sstream>

int main(int argc, char **argv) {
  if (argc != 2) {
    std::cerr << "usage: ndp-ptx-load FILE.ptx\n";
    return 2;
  }
  std::ifstream in(argv[1]);
  if (!in) {
    std::cerr << "ndp-ptx-load: cannot read '" << argv[1] << "'\n";
    return 2;
  }
  std::stringstream all;
  all << in.rdbuf();
  ndprt::gpu::CudaDriver cuda;
  std::string why;
  if (!cuda.open(why)) {
    std::cerr << "ndp-ptx-load: " << why << "\n";
    return 2;
  }
  const std::string marker = "// ndpc kernel ", text = all.str();
  int loaded = 0;
  for (size_t at = text.find(marker); at != std::string::npos;) {
    size_t nameEnd = text.find('\n', at);
    std::string name = text.substr(at + marker.size(), nameEnd - at - marker.size());
    size_t next = text.find(marker, nameEnd);
    std::string ptx = text.substr(nameEnd + 1, next == std::string::npos ? std::string::npos : next - nameEnd - 1);
    if (!cuda.loadPTX(ptx, name, why)) {
      std::cerr << "ndp-ptx-load: " << name << ": " << why << "\n";
      return 1;
    }
    ++loaded;
    at = next;
  }
  std::cout << "loaded " << loaded << " kernel modules on " << cuda.deviceName << "\n";
  return loaded > 0 ? 0 : 1;
}
