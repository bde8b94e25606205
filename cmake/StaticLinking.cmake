# How the system libraries are linked: dynamically for the dev build, the tests and the sim; from
# Debian's static archives for an executable with the property RDS_STATIC (the release, see
# provider/CMakeLists.txt), which is linked with -static and so needs a .a for every library.
#
# The choice is made per linked executable: $<TARGET_PROPERTY:RDS_STATIC> in a link interface reads the
# target being linked, so rds_client or rds_plugin, compiled once, link either way.
set(RDS_LINK_STATIC "$<BOOL:$<TARGET_PROPERTY:RDS_STATIC>>")

# The archives, for the platform this tree compiles for (CMAKE_LIBRARY_ARCHITECTURE picks Debian's
# multiarch folder, e.g. /usr/lib/aarch64-linux-gnu when cross-building).
set(RDS_STATIC_SYSTEM_MISSING)
foreach(lib ssl crypto z cares yaml)
  find_library(RDS_LIB${lib}_A NAMES lib${lib}.a)
  if(NOT RDS_LIB${lib}_A)
    message(STATUS "lib${lib}.a not found: the release (static) cannot be linked")
    list(APPEND RDS_STATIC_SYSTEM_MISSING lib${lib}.a)
  endif()
endforeach()

# The archives as imported targets that know what each calls into, so that CMake orders them on the link
# line (libcurl before libssl before libcrypto) however the targets above them list them.
foreach(lib ssl crypto z cares yaml)
  add_library(rds_static_${lib} STATIC IMPORTED)
  set_target_properties(rds_static_${lib} PROPERTIES IMPORTED_LOCATION "${RDS_LIB${lib}_A}")
endforeach()
set_target_properties(rds_static_crypto PROPERTIES INTERFACE_LINK_LIBRARIES "Threads::Threads;${CMAKE_DL_LIBS}")
set_target_properties(rds_static_ssl PROPERTIES INTERFACE_LINK_LIBRARIES rds_static_crypto)

# rds_crypto, rds_ssl, rds_zlib: use these instead of OpenSSL::Crypto, OpenSSL::SSL and ZLIB::ZLIB in
# everything the provider links.
add_library(rds_crypto INTERFACE)
target_link_libraries(rds_crypto INTERFACE "$<IF:${RDS_LINK_STATIC},rds_static_crypto,OpenSSL::Crypto>")
add_library(rds_ssl INTERFACE)
target_link_libraries(rds_ssl INTERFACE "$<IF:${RDS_LINK_STATIC},rds_static_ssl,OpenSSL::SSL>")
# rds_yaml: libyaml (clouds.yaml), -lyaml from the system or its archive.
add_library(rds_yaml INTERFACE)
target_link_libraries(rds_yaml INTERFACE "$<IF:${RDS_LINK_STATIC},rds_static_yaml,yaml>")
add_library(rds_zlib INTERFACE)
target_link_libraries(rds_zlib INTERFACE "$<IF:${RDS_LINK_STATIC},rds_static_z,ZLIB::ZLIB>")
