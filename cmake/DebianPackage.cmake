# SPDX-License-Identifier: GPL-2.0-or-later
# "cpack -G DEB": a package of the system install (-DSIPCODES_INSTALL_SYSTEM=ON):
# the plugin, sipcodes-lookup and the profile /usr/share/wireshark/profiles/sipcodes,
# that depends on the package holding the libwireshark built against
# (libwireshark16 on Debian 12, libwireshark18 on 13, ...), asked from dpkg.
# Without both, CPack is left out and configure says why.
set(SIPCODES_DEB_LIBWIRESHARK "")
get_target_property(_epan_lib epan LOCATION)
find_program(SIPCODES_DPKG_QUERY dpkg-query)
if(_epan_lib AND SIPCODES_DPKG_QUERY)
    get_filename_component(_epan_real "${_epan_lib}" REALPATH)
    execute_process(COMMAND ${SIPCODES_DPKG_QUERY} -S "${_epan_real}"
                    OUTPUT_VARIABLE _epan_owner ERROR_QUIET OUTPUT_STRIP_TRAILING_WHITESPACE)
    # "libwireshark18:amd64: /usr/lib/.../libwireshark.so.18.0.19"
    string(REGEX REPLACE "^([^:, ]+).*" "\\1" SIPCODES_DEB_LIBWIRESHARK "${_epan_owner}")
endif()
if(NOT SIPCODES_INSTALL_SYSTEM)
    message(STATUS "sipcodes: no Debian package (configure with -DSIPCODES_INSTALL_SYSTEM=ON for one)")
    return()
endif()
if(NOT SIPCODES_DEB_LIBWIRESHARK)
    message(STATUS "sipcodes: no Debian package (dpkg does not know which package holds ${_epan_lib})")
    return()
endif()
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME sipcodes)
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}+ws${SIPCODES_WS_SERIES}")
set(CPACK_PACKAGE_CONTACT "sipcodes maintainers <sipcodes@invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Wireshark plugin that explains SIP responses and calls")
set(CPACK_PACKAGE_DESCRIPTION "Post-dissector for Wireshark ${SIPCODES_WS_SERIES} on the SIP dissector: class, RFC, registry status,
vendor reason-phrase variants, device display codes, Q.850 mapping and descriptions in
several languages for every response; the verdict of every call and the RFC 6076
metrics of a capture; statistics trees, call records and a user table.
Also sipcodes-lookup, the same explanations on the command line.")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_PACKAGING_INSTALL_PREFIX "${CMAKE_INSTALL_PREFIX}")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "tshark | wireshark")
set(CPACK_DEBIAN_PACKAGE_DEPENDS "${SIPCODES_DEB_LIBWIRESHARK} (>= ${Wireshark_VERSION})")
message(STATUS "sipcodes: the Debian package depends on ${CPACK_DEBIAN_PACKAGE_DEPENDS}")
include(CPack)
