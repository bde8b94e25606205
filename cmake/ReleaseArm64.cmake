# The linux_arm64 release executable, cross-built on amd64: this source tree configured a second time in
# build/linux_arm64 with cmake/toolchain-linux-arm64.cmake and RDS_RELEASE_ONLY=ON, building only
# terraform-provider-rds-static (and, once, its own libcurl: cmake/StaticCurl.cmake). Tests, the sim and
# the benchmarks are not cross-built: the arm64 executable is tested by running it under qemu-user
# (tests/e2e/release_arm64_test.cpp).
#
# Sets RDS_RELEASE_ARM64_BINARY and RDS_AARCH64_OBJCOPY, or nothing with -DRDS_RELEASE_ARM64=OFF.
option(RDS_RELEASE_ARM64 "The release also builds linux_arm64 (cross-compiled)" ON)
if(NOT RDS_RELEASE_ARM64)
  message(STATUS "The release is linux_amd64 only (RDS_RELEASE_ARM64=OFF)")
  return()
endif()

find_program(RDS_AARCH64_CXX aarch64-linux-gnu-g++)
find_program(RDS_AARCH64_OBJCOPY aarch64-linux-gnu-objcopy)
if(NOT RDS_AARCH64_CXX OR NOT RDS_AARCH64_OBJCOPY OR NOT EXISTS /usr/lib/aarch64-linux-gnu/libgrpc++.a)
  message(FATAL_ERROR "The release cross-builds linux_arm64, but the arm64 toolchain or libraries are missing "
                      "(aarch64-linux-gnu-g++, libgrpc++-dev:arm64, ...). Run scripts/install-deps.sh, or "
                      "configure with -DRDS_RELEASE_ARM64=OFF for a linux_amd64-only release.")
endif()

set(arm64_tree ${CMAKE_BINARY_DIR}/linux_arm64)
# $(MAKE) shares the outer make's job slots with the inner build; other generators get cmake --build.
if(CMAKE_GENERATOR MATCHES "Makefiles")
  set(arm64_build "$(MAKE)" -C ${arm64_tree} terraform-provider-rds-static)
else()
  set(arm64_build ${CMAKE_COMMAND} --build ${arm64_tree} --target terraform-provider-rds-static)
endif()
ExternalProject_Add(rds_release_arm64
  SOURCE_DIR ${CMAKE_SOURCE_DIR}
  BINARY_DIR ${arm64_tree}
  PREFIX ${CMAKE_BINARY_DIR}/linux_arm64-stamps
  DOWNLOAD_COMMAND ""
  UPDATE_COMMAND ""
  CMAKE_ARGS -DCMAKE_TOOLCHAIN_FILE=${CMAKE_SOURCE_DIR}/cmake/toolchain-linux-arm64.cmake
             -DCMAKE_BUILD_TYPE=${CMAKE_BUILD_TYPE} -DRDS_RELEASE_ONLY=ON
  BUILD_COMMAND ${arm64_build}
  # The inner build decides what is out of date, as any build tree does.
  BUILD_ALWAYS ON
  INSTALL_COMMAND ""
  BUILD_BYPRODUCTS ${arm64_tree}/release-link/terraform-provider-rds
  EXCLUDE_FROM_ALL ON)

set(RDS_RELEASE_ARM64_BINARY ${arm64_tree}/release-link/terraform-provider-rds)
set(RDS_RELEASE_ARM64_BINARY ${RDS_RELEASE_ARM64_BINARY} PARENT_SCOPE)
set(RDS_AARCH64_OBJCOPY ${RDS_AARCH64_OBJCOPY} PARENT_SCOPE)
