# rds_curl_static: the libcurl the release links in (client/libcurl_linked.cpp), built once per build
# folder from Debian's own source package of curl (scripts/fetch-curl-source.sh, pinned by
# cmake/curl-source.sha256), for the platform this tree compiles for (the arm64 tree cross-builds it).
#
# Debian's libcurl.a cannot be used: it is built against GnuTLS, Kerberos, LDAP, SSH, RTMP, IDN and PSL,
# which have no static archives. This one speaks HTTP/1.1 and HTTPS only (proxies included), over OpenSSL,
# with zlib, and resolves names with c-ares, which reads /etc/hosts and /etc/resolv.conf itself: glibc's
# getaddrinfo in a static executable would want to dlopen NSS modules. It knows no CA path of the build
# machine: client/ca_bundle.h finds the CA certificates where the release runs.
#
# The ExternalProject's stamps keep it built: `cmake --build` rebuilds it only when this file, the pin or
# the compiler changes. Measured on the 2-core CI machine: see docs/PERFORMANCE.md ("Build times").
include(ExternalProject)
include(ProcessorCount)

find_program(RDS_MAKE NAMES make gmake)
if(NOT RDS_MAKE)
  message(FATAL_ERROR "make is needed to build curl for the release (Debian package make, in build-essential)")
endif()

set(RDS_CURL_PREFIX ${CMAKE_BINARY_DIR}/curl)
set(RDS_CURL_LIBRARY ${RDS_CURL_PREFIX}/install/lib/libcurl.a)
set(RDS_CURL_INCLUDE_DIR ${RDS_CURL_PREFIX}/install/include)

# Only what the provider uses; every other protocol, library and feature off.
set(RDS_CURL_CONFIGURE_OPTIONS
  --disable-shared --enable-static --disable-dependency-tracking --disable-silent-rules
  --with-openssl --with-zlib --enable-ares
  --without-ca-bundle --without-ca-path --without-ca-fallback
  --disable-ftp --disable-file --disable-ldap --disable-ldaps --disable-rtsp --disable-dict --disable-telnet
  --disable-tftp --disable-pop3 --disable-imap --disable-smb --disable-smtp --disable-gopher --disable-mqtt
  --disable-manual --disable-ntlm --disable-ntlm-wb --disable-tls-srp --disable-alt-svc --disable-hsts
  --disable-cookies --disable-doh --disable-mime --disable-netrc --disable-unix-sockets
  --disable-libcurl-option --disable-progress-meter
  --without-gssapi --without-libidn2 --without-libpsl --without-librtmp --without-libssh2 --without-libssh
  --without-nghttp2 --without-ngtcp2 --without-nghttp3 --without-quiche --without-msh3 --without-brotli
  --without-zstd --without-libgsasl --without-hyper)

# The compiler and, when cross-building, the target's triplet and pkg-config folder (Debian multiarch).
set(curl_env CC=${CMAKE_C_COMPILER}
  # No build path in the objects, as for our own code (CMakeLists.txt): the release is reproducible.
  "CFLAGS=-O2 -g -ffile-prefix-map=${CMAKE_SOURCE_DIR}/= -ffile-prefix-map=${CMAKE_BINARY_DIR}/=")
set(curl_host)
if(CMAKE_CROSSCOMPILING)
  if(NOT CMAKE_LIBRARY_ARCHITECTURE)
    message(FATAL_ERROR "cross-building curl needs CMAKE_LIBRARY_ARCHITECTURE (the Debian triplet) in the toolchain file")
  endif()
  set(curl_host --host=${CMAKE_LIBRARY_ARCHITECTURE})
  list(APPEND curl_env
    PKG_CONFIG_LIBDIR=/usr/lib/${CMAKE_LIBRARY_ARCHITECTURE}/pkgconfig:/usr/share/pkgconfig)
endif()

# $(MAKE) lets curl's make share the outer make's job slots; other generators get a plain -jN.
if(CMAKE_GENERATOR MATCHES "Makefiles")
  set(curl_make "$(MAKE)")
else()
  ProcessorCount(jobs)
  set(curl_make ${RDS_MAKE} -j${jobs})
endif()

ExternalProject_Add(rds_curl_build
  PREFIX ${RDS_CURL_PREFIX}
  SOURCE_DIR ${RDS_CURL_PREFIX}/source/src
  BINARY_DIR ${RDS_CURL_PREFIX}/build
  INSTALL_DIR ${RDS_CURL_PREFIX}/install
  DOWNLOAD_COMMAND bash ${CMAKE_SOURCE_DIR}/scripts/fetch-curl-source.sh ${RDS_CURL_PREFIX}/source
  UPDATE_COMMAND ""
  CONFIGURE_COMMAND ${CMAKE_COMMAND} -E env ${curl_env}
                    <SOURCE_DIR>/configure --prefix=<INSTALL_DIR> ${curl_host} ${RDS_CURL_CONFIGURE_OPTIONS}
  BUILD_COMMAND ${curl_make} -C lib
  # Only the library and its headers; curl's tool and docs are not needed.
  INSTALL_COMMAND ${RDS_MAKE} -C lib install-libLTLIBRARIES
          COMMAND ${RDS_MAKE} -C include install
  BUILD_BYPRODUCTS ${RDS_CURL_LIBRARY}
  LOG_DOWNLOAD ON LOG_CONFIGURE ON LOG_BUILD ON LOG_INSTALL ON LOG_OUTPUT_ON_FAILURE ON
  EXCLUDE_FROM_ALL ON)
# A new pin fetches and builds again.
ExternalProject_Add_StepDependencies(rds_curl_build download ${CMAKE_SOURCE_DIR}/cmake/curl-source.sha256
                                     ${CMAKE_SOURCE_DIR}/scripts/fetch-curl-source.sh)
file(MAKE_DIRECTORY ${RDS_CURL_INCLUDE_DIR})

# What links it: libcurl.a, which calls into OpenSSL, zlib and c-ares (cmake/StaticLinking.cmake).
add_library(rds_static_curl STATIC IMPORTED)
set_target_properties(rds_static_curl PROPERTIES
  IMPORTED_LOCATION ${RDS_CURL_LIBRARY}
  INTERFACE_LINK_LIBRARIES "rds_static_ssl;rds_static_cares;rds_static_z;Threads::Threads")
# An imported target cannot wait for the ExternalProject; this one makes its users wait (headers, .a).
add_library(rds_curl_static INTERFACE)
add_dependencies(rds_curl_static rds_curl_build)
target_include_directories(rds_curl_static INTERFACE ${RDS_CURL_INCLUDE_DIR})
target_link_libraries(rds_curl_static INTERFACE rds_static_curl)
