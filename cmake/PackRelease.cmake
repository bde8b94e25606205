# Packs the release binary the way registry providers are published (see README.md, "Releases"):
#
#   OUT/terraform-provider-rds_VERSION_OS_ARCH.zip     the executable terraform-provider-rds_vVERSION only
#   OUT/terraform-provider-rds_VERSION_manifest.json   protocol versions, for registries and mirrors
#   OUT/terraform-provider-rds_VERSION_SHA256SUMS      `sha256sum -c` checks the zip and the manifest
#   OUT/terraform-provider-rds_VERSION_OS_ARCH.debug   the debug info, kept out of the zip
#
#   cmake -DBINARY=... -DOUT=... -DVERSION=... -DPLATFORM=linux_amd64 -DOBJCOPY=objcopy -DZIP=zip \
#         -P PackRelease.cmake
#
# Two runs on the same binary give byte-identical files: the zip has one entry, a fixed timestamp and
# fixed permissions, and nothing else. `zip -X` leaves out the extra fields (uid/gid, access and change
# times) that would differ between runs; `cmake -E tar --format=zip` cannot, so it is not used.
foreach(var BINARY OUT VERSION PLATFORM OBJCOPY ZIP)
  if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
    message(FATAL_ERROR "PackRelease.cmake needs -D${var}=...")
  endif()
endforeach()

set(name "terraform-provider-rds")
set(executable "${name}_v${VERSION}")
set(zip "${name}_${VERSION}_${PLATFORM}.zip")
set(manifest "${name}_${VERSION}_manifest.json")
set(sums "${name}_${VERSION}_SHA256SUMS")
set(debug "${name}_${VERSION}_${PLATFORM}.debug")
# The zip entry's timestamp: a constant, never the clock. Zip stores local time, so zip runs with TZ=UTC.
set(fixed_mtime "1980-01-01 00:00:00 UTC")

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE status ERROR_VARIABLE error)
  if(NOT status EQUAL 0)
    list(JOIN ARGN " " command)
    message(FATAL_ERROR "${command} failed (${status}): ${error}")
  endif()
endfunction()

file(REMOVE_RECURSE "${OUT}")
set(stage "${OUT}/.stage")
file(MAKE_DIRECTORY "${stage}")

# Debug info goes to its own file; the shipped executable keeps only a debuglink (name + CRC) to it.
# objcopy stores the link's basename, so it runs inside OUT.
file(COPY_FILE "${BINARY}" "${OUT}/${executable}.full")
run(${OBJCOPY} --only-keep-debug "${executable}.full" "${debug}" WORKING_DIRECTORY "${OUT}")
execute_process(
  COMMAND ${OBJCOPY} --strip-all "--add-gnu-debuglink=${debug}" "${executable}.full" "${stage}/${executable}"
  WORKING_DIRECTORY "${OUT}" RESULT_VARIABLE status ERROR_VARIABLE error)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "objcopy --strip-all failed (${status}): ${error}")
endif()
file(REMOVE "${OUT}/${executable}.full")
file(CHMOD "${stage}/${executable}" PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ
           GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)

run(touch -d "${fixed_mtime}" "${stage}/${executable}")
execute_process(
  COMMAND ${CMAKE_COMMAND} -E env TZ=UTC ${ZIP} -q -X -9 "${OUT}/${zip}" "${executable}"
  WORKING_DIRECTORY "${stage}" RESULT_VARIABLE status ERROR_VARIABLE error)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "zipping ${executable} failed (${status}): ${error}")
endif()
file(REMOVE_RECURSE "${stage}")

file(WRITE "${OUT}/${manifest}" "{\n  \"version\": 1,\n  \"metadata\": {\n    \"protocol_versions\": [\"5.0\", \"6.0\"]\n  }\n}\n")

# Same layout as `sha256sum` prints (two spaces), sorted by name like HashiCorp's SHA256SUMS.
set(lines "")
foreach(file IN ITEMS "${zip}" "${manifest}")
  file(SHA256 "${OUT}/${file}" hash)
  string(APPEND lines "${hash}  ${file}\n")
endforeach()
file(WRITE "${OUT}/${sums}" "${lines}")
message(STATUS "Release ${VERSION} (${PLATFORM}) in ${OUT}: ${zip}, ${manifest}, ${sums}, ${debug}")
