# SPDX-License-Identifier: GPL-2.0-or-later
# Compiler settings and the build options.
set(CMAKE_C_STANDARD 11)
set(CMAKE_C_STANDARD_REQUIRED ON)
set(CMAKE_POSITION_INDEPENDENT_CODE ON)
if(NOT CMAKE_BUILD_TYPE)
    set(CMAKE_BUILD_TYPE RelWithDebInfo)
endif()
add_compile_options(-Wall -Wextra)

# -Werror under CI (.ci/run sets CI); off by default so a newer compiler's
# new warnings do not stop a user's build.
if(DEFINED ENV{CI})
    set(_werror_default ON)
else()
    set(_werror_default OFF)
endif()
option(SIPCODES_WERROR "Treat compiler warnings as errors" ${_werror_default})
if(SIPCODES_WERROR)
    add_compile_options(-Werror)
endif()

# Code written for one Wireshark's API and built against another (a field
# passed as the wrong pointer type, a callback with another return type)
# must not build: gcc 12/13 only warn, and the plugin then crashes tshark.
add_compile_options(-Werror=incompatible-pointer-types -Werror=int-conversion
                    -Werror=implicit-function-declaration)

option(SIPCODES_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
if(SIPCODES_SANITIZE)
    add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    add_link_options(-fsanitize=address,undefined)
endif()

option(SIPCODES_FUZZ "Build the libFuzzer targets of the core (clang)" OFF)
option(SIPCODES_COVERAGE "Measure line coverage of the core (clang: -fprofile-instr-generate)" OFF)
if((SIPCODES_FUZZ OR SIPCODES_COVERAGE) AND NOT CMAKE_C_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "SIPCODES_FUZZ and SIPCODES_COVERAGE need clang: configure with CC=clang")
endif()
