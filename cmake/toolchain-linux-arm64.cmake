# Cross-compiling for linux_arm64 on Debian amd64 with Debian's multiarch packages (installed by
# scripts/install-deps.sh): the compiler g++-aarch64-linux-gnu, the libraries as :arm64 -dev packages in
# /usr/lib/aarch64-linux-gnu. Used by cmake/ReleaseArm64.cmake.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)
set(CMAKE_LIBRARY_ARCHITECTURE aarch64-linux-gnu)
# Programs run on the build machine: protoc and grpc_cpp_plugin are the amd64 ones (the generated code is
# the same); libraries and headers must be arm64's.
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
# pkg-config (gRPC, Protobuf) must read the arm64 .pc files, not the build machine's.
set(ENV{PKG_CONFIG_LIBDIR} /usr/lib/aarch64-linux-gnu/pkgconfig:/usr/share/pkgconfig)
