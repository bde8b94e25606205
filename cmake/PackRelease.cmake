# Packs the release executables the way registry providers are published (see README.md, "Install a
# release"):
#
#   OUT/terraform-provider-rds_VERSION_OS_ARCH.zip     the executable terraform-provider-rds_vVERSION only
#   OUT/terraform-provider-rds_VERSION_manifest.json   protocol versions, for registries and mirrors
#   OUT/terraform-provider-rds_VERSION_SHA256SUMS      `sha256sum -c` checks every zip and the manifest
#   OUT/terraform-provider-rds_VERSION_SHA256SUMS.sig  a detached binary GPG signature of it, when a key is given
#   OUT/terraform-provider-rds_VERSION_OS_ARCH.debug   the debug info, kept out of the zip
#
#   cmake -DOUT=... -DVERSION=... -DZIP=zip -DGPG=gpg -DPLATFORMS=linux_amd64,linux_arm64 \
#         -DBINARY_linux_amd64=... -DOBJCOPY_linux_amd64=objcopy \
#         -DBINARY_linux_arm64=... -DOBJCOPY_linux_arm64=aarch64-linux-gnu-objcopy -P PackRelease.cmake
#
# Signing: the key comes from the environment at release time, never from the repository:
#   RDS_RELEASE_GPG_KEY=<key id>            a secret key in gpg's keyring (GNUPGHOME or ~/.gnupg)
#   RDS_RELEASE_GPG_KEY_FILE=<file.asc>     an armored secret key, imported into a throw-away keyring
#   RDS_RELEASE_GPG_PASSPHRASE_FILE=<file>  its passphrase, if it has one
# Without either key variable the release is unsigned, and this says so.
#
# Two runs on the same binaries give byte-identical zips, manifest and SUMS: each zip has one entry, a
# fixed timestamp and fixed permissions, and nothing else. `zip -X` leaves out the extra fields (uid/gid,
# access and change times) that would differ between runs; `cmake -E tar --format=zip` cannot, so it is not
# used. (A signature holds its own time, so the .sig differs between runs.)
foreach(var OUT VERSION PLATFORMS ZIP)
  if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
    message(FATAL_ERROR "PackRelease.cmake needs -D${var}=...")
  endif()
endforeach()
string(REPLACE "," ";" platforms "${PLATFORMS}")

set(name "terraform-provider-rds")
set(executable "${name}_v${VERSION}")
set(manifest "${name}_${VERSION}_manifest.json")
set(sums "${name}_${VERSION}_SHA256SUMS")
# The zip entry's timestamp: a constant, never the clock. Zip stores local time, so zip runs with TZ=UTC.
set(fixed_mtime "1980-01-01 00:00:00 UTC")

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE status OUTPUT_VARIABLE output ERROR_VARIABLE error)
  if(NOT status EQUAL 0)
    list(JOIN ARGN " " command)
    message(FATAL_ERROR "${command} failed (${status}): ${output}${error}")
  endif()
endfunction()

file(REMOVE_RECURSE "${OUT}")
file(MAKE_DIRECTORY "${OUT}")

set(packed "")
foreach(platform IN LISTS platforms)
  foreach(var BINARY_${platform} OBJCOPY_${platform})
    if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
      message(FATAL_ERROR "PackRelease.cmake needs -D${var}=... for ${platform}")
    endif()
  endforeach()
  set(binary "${BINARY_${platform}}")
  set(objcopy "${OBJCOPY_${platform}}")
  set(zip "${name}_${VERSION}_${platform}.zip")
  set(debug "${name}_${VERSION}_${platform}.debug")
  set(stage "${OUT}/.stage-${platform}")
  file(MAKE_DIRECTORY "${stage}")

  # Debug info goes to its own file; the shipped executable keeps only a debuglink (name + CRC) to it.
  # objcopy stores the link's basename, so it runs inside OUT.
  file(COPY_FILE "${binary}" "${OUT}/${executable}.full")
  run(${objcopy} --only-keep-debug "${executable}.full" "${debug}" WORKING_DIRECTORY "${OUT}")
  run(${objcopy} --strip-all "--add-gnu-debuglink=${debug}" "${executable}.full" "${stage}/${executable}"
      WORKING_DIRECTORY "${OUT}")
  file(REMOVE "${OUT}/${executable}.full")
  file(CHMOD "${stage}/${executable}" PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ
             GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)

  run(touch -d "${fixed_mtime}" "${stage}/${executable}")
  run(${CMAKE_COMMAND} -E env TZ=UTC ${ZIP} -q -X -9 "${OUT}/${zip}" "${executable}" WORKING_DIRECTORY "${stage}")
  file(REMOVE_RECURSE "${stage}")
  list(APPEND packed "${zip}")
endforeach()

file(WRITE "${OUT}/${manifest}" "{\n  \"version\": 1,\n  \"metadata\": {\n    \"protocol_versions\": [\"5.0\", \"6.0\"]\n  }\n}\n")

# Same layout as `sha256sum` prints (two spaces), sorted by name like HashiCorp's SHA256SUMS.
list(APPEND packed "${manifest}")
list(SORT packed)
set(lines "")
foreach(file IN LISTS packed)
  file(SHA256 "${OUT}/${file}" hash)
  string(APPEND lines "${hash}  ${file}\n")
endforeach()
file(WRITE "${OUT}/${sums}" "${lines}")

# The signature Terraform checks when it installs from a registry (scripts/registry.sh): gpg
# --detach-sign, binary (not armored), over the SUMS file.
set(key "$ENV{RDS_RELEASE_GPG_KEY}")
set(key_file "$ENV{RDS_RELEASE_GPG_KEY_FILE}")
set(passphrase_file "$ENV{RDS_RELEASE_GPG_PASSPHRASE_FILE}")
if(key STREQUAL "" AND key_file STREQUAL "")
  message(NOTICE "The release is UNSIGNED: no ${sums}.sig was written. To sign it, set RDS_RELEASE_GPG_KEY "
                 "(a key id in gpg's keyring) or RDS_RELEASE_GPG_KEY_FILE (an armored secret key); a registry "
                 "(scripts/registry.sh) needs a signed release.")
else()
  if(NOT DEFINED GPG OR GPG STREQUAL "" OR GPG MATCHES "-NOTFOUND$|not-found")
    message(FATAL_ERROR "Signing the release needs gpg (Debian package gpg, scripts/install-deps.sh)")
  endif()
  set(gpg_args --batch --yes --no-tty)
  if(NOT passphrase_file STREQUAL "")
    list(APPEND gpg_args --pinentry-mode loopback --passphrase-file "${passphrase_file}")
  endif()
  set(home_args)
  if(NOT key_file STREQUAL "")
    # A keyring of its own, removed afterwards: the key file never enters the user's keyring. Short path:
    # gpg-agent's socket must fit in a sockaddr_un.
    string(RANDOM LENGTH 8 suffix)
    set(home "/tmp/rds-release-gpg-${suffix}")
    file(MAKE_DIRECTORY "${home}")
    file(CHMOD "${home}" PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE)
    set(home_args --homedir "${home}")
    run(${GPG} ${home_args} ${gpg_args} --import "${key_file}")
    if(key STREQUAL "")
      # The first secret key of the file signs.
      execute_process(COMMAND ${GPG} ${home_args} --batch --with-colons --list-secret-keys
                      OUTPUT_VARIABLE listing RESULT_VARIABLE status)
      string(REGEX MATCH "(^|\n)sec:[^:]*:[^:]*:[^:]*:([0-9A-F]+):" match "${listing}")
      set(key "${CMAKE_MATCH_2}")
      if(key STREQUAL "")
        message(FATAL_ERROR "RDS_RELEASE_GPG_KEY_FILE=${key_file} holds no secret key")
      endif()
    endif()
  endif()
  execute_process(COMMAND ${GPG} ${home_args} ${gpg_args} --local-user "${key}" --detach-sign
                          --output "${OUT}/${sums}.sig" "${OUT}/${sums}"
                  RESULT_VARIABLE status ERROR_VARIABLE error)
  if(home_args)
    execute_process(COMMAND gpgconf --homedir "${home}" --kill gpg-agent ERROR_QUIET)
    file(REMOVE_RECURSE "${home}")
  endif()
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "Signing ${sums} with key ${key} failed (${status}): ${error}")
  endif()
  message(STATUS "Signed ${sums} with key ${key}: ${sums}.sig")
endif()

list(JOIN platforms ", " platform_text)
message(STATUS "Release ${VERSION} (${platform_text}) in ${OUT}")
