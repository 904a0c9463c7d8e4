# SPDX-License-Identifier: GPL-2.0-or-later
# The Wireshark to build against, and whether sipcodes knows its release.
# The releases known are those plugin/sipcodes-compat.h lists in its
# SIPCODES_WS_IS(major, minor) line: supporting a new release is that one
# line plus the API differences beside it.
find_package(Wireshark REQUIRED)
set(SIPCODES_WS_SERIES "${Wireshark_MAJOR_VERSION}.${Wireshark_MINOR_VERSION}")

file(STRINGS "${PROJECT_SOURCE_DIR}/plugin/sipcodes-compat.h" _ws_line REGEX "^#if !\\(SIPCODES_WS_IS")
string(REGEX MATCHALL "SIPCODES_WS_IS\\(([0-9]+), ([0-9]+)\\)" _ws_calls "${_ws_line}")
set(SIPCODES_WS_KNOWN)
foreach(_call ${_ws_calls})
    string(REGEX REPLACE "SIPCODES_WS_IS\\(([0-9]+), ([0-9]+)\\)" "\\1.\\2" _release "${_call}")
    list(APPEND SIPCODES_WS_KNOWN ${_release})
endforeach()
if(NOT SIPCODES_WS_KNOWN)
    message(FATAL_ERROR "plugin/sipcodes-compat.h lists no Wireshark release (its #if !(SIPCODES_WS_IS(...)) line)")
endif()
string(REPLACE ";" ", " _known_text "${SIPCODES_WS_KNOWN}")
if(NOT SIPCODES_WS_SERIES IN_LIST SIPCODES_WS_KNOWN)
    message(FATAL_ERROR "sipcodes builds against Wireshark ${_known_text}; "
        "found Wireshark ${Wireshark_VERSION} (${Wireshark_DIR}). "
        "Point CMake at a supported one with -DWireshark_DIR=<folder of its WiresharkConfig.cmake>.")
endif()
message(STATUS "sipcodes: building against Wireshark ${Wireshark_VERSION}")
